// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IPriceOracle
 * @notice Events, errors and reader interface of the TT/EUR price oracle.
 */
interface IPriceOracle {
    /// @notice Emitted when `reporter` posts `price` (EUR per TT, 18 decimals).
    event PricePosted(address indexed reporter, uint256 price, uint64 postedAt);

    /// @notice `reporter` has less than `minimumStake` TT staked in the oracle role.
    error PriceOracleInsufficientStake(address reporter, uint256 minimumStake);
    /// @notice A price of zero.
    error PriceOracleZeroPrice();

    /**
     * @notice The latest TT/EUR price (18 decimals) and its age in seconds.
     * @dev Before any post, returns a zero price whose age is `block.timestamp`, which every staleness check refuses.
     */
    function latestPrice() external view returns (uint256 price, uint256 age);
}
