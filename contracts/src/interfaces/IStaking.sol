// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IStaking
 * @notice Events, errors and role views of the TT staking contract.
 */
interface IStaking {
    /// @notice What a stake position qualifies its owner for.
    enum StakeRole {
        MarketMaker,
        ServiceProvider,
        Oracle
    }

    /// @notice One lot of staked TT (owner, role and lock-up share one slot).
    // solhint-disable-next-line gas-struct-packing
    struct StakePosition {
        address owner; // Who staked and may withdraw.
        StakeRole role; // The capability the position backs.
        uint64 unlocksAt; // Nothing leaves the position before this time.
        uint256 amount; // TT still staked in the position.
    }

    /// @notice Emitted when `owner` opens position `positionId`.
    event Staked(
        uint256 indexed positionId,
        address indexed owner,
        StakeRole indexed role,
        uint256 amount,
        uint64 unlocksAt
    );
    /// @notice Emitted when `amount` TT leaves position `positionId`; `remaining` is what stays staked.
    event Withdrawn(
        uint256 indexed positionId,
        address indexed owner,
        StakeRole indexed role,
        uint256 amount,
        uint256 remaining
    );
    /// @notice Emitted when rewards are funded. `distributed` includes rewards carried over from when nothing was
    /// staked; `carriedForward` is what waits for the first stake.
    event RewardFunded(address indexed funder, uint256 amount, uint256 distributed, uint256 carriedForward);
    /// @notice Emitted when `account` claims `amount` TT of rewards.
    event RewardPaid(address indexed account, uint256 amount);

    /// @notice `amount` is zero.
    error StakingZeroAmount();
    /// @notice The lock-up is shorter than the minimum.
    error StakingLockupTooShort(uint64 lockDuration, uint64 minLockDuration);
    /// @notice No position has id `positionId`.
    error StakingUnknownPosition(uint256 positionId);
    /// @notice `caller` does not own position `positionId`.
    error StakingNotPositionOwner(uint256 positionId, address caller);
    /// @notice The position is locked until `unlocksAt`.
    error StakingLockupActive(uint256 positionId, uint64 unlocksAt);
    /// @notice The position holds only `available` TT.
    error StakingInsufficientStake(uint256 positionId, uint256 available, uint256 requested);

    /**
     * @notice Whether `account` has at least `minimum` TT staked under `role`.
     */
    function hasRoleStake(address account, StakeRole role, uint256 minimum) external view returns (bool);

    /**
     * @notice Adds `amount` TT, pulled from the caller, to the stakers' rewards.
     */
    function fundRewards(uint256 amount) external;
}
