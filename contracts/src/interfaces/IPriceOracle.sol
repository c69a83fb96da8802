// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IPriceOracle
 * @notice Events, errors and reader interface of the TT/EUR price oracle.
 */
interface IPriceOracle {
    /// @notice Emitted when `reporter` posts `price` (EUR per TT, 18 decimals).
    event PricePosted(address indexed reporter, uint256 price, uint64 postedAt);
    /// @notice Emitted when `reporter`'s post of `price` is shown false against the others' `median`; its position
    /// `positionId` faces slash `slashId`.
    event FalsePostReported(
        address indexed reporter,
        uint256 indexed positionId,
        uint256 price,
        uint256 median,
        uint256 indexed slashId
    );

    /// @notice `reporter` has no oracle position of its own holding `minimumStake` TT.
    error PriceOracleInsufficientStake(address reporter, uint256 minimumStake);
    /// @notice A price of zero.
    error PriceOracleZeroPrice();
    /// @notice `price` is further than `maxDeviationBps` from the other reporters' `median`.
    error PriceOracleDeviation(uint256 price, uint256 median, uint16 maxDeviationBps);
    /// @notice `reporter`'s post of `price` is not fresh, or not shown false against a quorum's `median`.
    error PriceOracleNotFalse(address reporter, uint256 price, uint256 median);
    /// @notice `maxReporters` reporters with fresh, qualified posts are already counted.
    error PriceOracleTooManyReporters(uint256 maxReporters);
    /// @notice Only the latest round is kept.
    error PriceOracleNoRoundData(uint80 roundId);
    /// @notice A zero quorum or maximum deviation.
    error PriceOracleInvalidParameters();

    /**
     * @notice The TT/EUR price (18 decimals): the median of the fresh posts, and the age in seconds of the oldest post
     * it rests on.
     * @dev Without a quorum of fresh posts, returns a zero price whose age is `block.timestamp`, which every
     * staleness check refuses.
     */
    function latestPrice() external view returns (uint256 price, uint256 age);

    /**
     * @notice {latestPrice} without the posts of `partyA` and `partyB`: the price of a deal they are party to.
     */
    function latestPriceExcluding(address partyA, address partyB) external view returns (uint256 price, uint256 age);
}
