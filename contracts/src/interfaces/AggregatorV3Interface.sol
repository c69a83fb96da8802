// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title AggregatorV3Interface
 * @notice Chainlink's price-feed reader interface, as published in @chainlink/contracts
 * (src/v0.8/shared/interfaces/AggregatorV3Interface.sol), so that a public Chainlink feed can replace our oracle on a
 * public chain without changing its readers.
 * @dev Copied rather than installed: the interface is these five functions, while @chainlink/contracts brings a large
 * dependency tree (CCIP, Arbitrum and Optimism packages) into an offline build for nothing else.
 */
// solhint-disable-next-line interface-starts-with-i
interface AggregatorV3Interface {
    function decimals() external view returns (uint8);

    function description() external view returns (string memory);

    function version() external view returns (uint256);

    function getRoundData(
        uint80 roundId
    )
        external
        view
        returns (uint80 roundId_, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
