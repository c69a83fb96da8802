// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPriceOracle} from "./interfaces/IPriceOracle.sol";
import {IStaking} from "./interfaces/IStaking.sol";

/**
 * @title PriceOracle
 * @notice The TT/EUR price, posted by oracle-role stakers with at least a minimum stake. The latest post wins.
 * @dev Prices are EUR per TT with 18 decimals. Readers decide how old a price they accept.
 */
contract PriceOracle is IPriceOracle {
    /// @notice Where oracle stakes are checked.
    IStaking public immutable staking;
    /// @notice TT an account needs staked in the oracle role to post.
    uint256 public immutable minOracleStake;

    uint256 private _price;
    uint64 private _postedAt;
    address private _reporter;

    constructor(IStaking staking_, uint256 minOracleStake_) {
        staking = staking_;
        minOracleStake = minOracleStake_;
    }

    /**
     * @notice Posts the TT/EUR `price` (18 decimals).
     * @dev Requirements: caller has at least `minOracleStake` staked as oracle; `price` > 0.
     * Emits a {PricePosted} event.
     */
    function postPrice(uint256 price) external {
        if (!staking.hasRoleStake(msg.sender, IStaking.StakeRole.Oracle, minOracleStake)) {
            revert PriceOracleInsufficientStake(msg.sender, minOracleStake);
        }
        if (price == 0) revert PriceOracleZeroPrice();
        _price = price;
        _postedAt = uint64(block.timestamp);
        _reporter = msg.sender;
        emit PricePosted(msg.sender, price, uint64(block.timestamp));
    }

    /// @inheritdoc IPriceOracle
    function latestPrice() external view returns (uint256 price, uint256 age) {
        return (_price, block.timestamp - _postedAt);
    }

    /// @notice The latest post: price, when and by whom.
    function latestPost() external view returns (uint256 price, uint64 postedAt, address reporter) {
        return (_price, _postedAt, _reporter);
    }
}
