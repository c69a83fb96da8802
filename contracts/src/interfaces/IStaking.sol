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

    /// @notice Where a slash is in its life.
    enum SlashState {
        None,
        Proposed, // Waiting for the appeal window to close.
        Appealed, // The owner appealed; an arbiter decides.
        Executed, // TT taken from the position.
        Overturned // Dropped on appeal.
    }

    /// @notice One lot of staked TT (owner, role and lock-up share one slot).
    // solhint-disable-next-line gas-struct-packing
    struct StakePosition {
        address owner; // Who staked and may withdraw.
        StakeRole role; // The capability the position backs.
        uint64 unlocksAt; // No withdrawal may be requested before this time.
        uint256 amount; // TT staked and active: it backs the role and earns rewards.
        uint256 unbonding; // TT requested out: earns nothing, backs nothing, still slashable.
        uint64 unbondsAt; // When the unbonding TT may leave.
        uint64 heldUntil; // A slasher holds the position (no TT leaves) until this time.
    }

    /// @notice A proposed or settled slash of a position.
    struct Slash {
        uint256 positionId; // The slashed position.
        uint256 amount; // TT to take (capped by what the position holds when executed).
        address beneficiary; // Who receives the slashed TT.
        address slasher; // The contract or account that proposed it.
        uint64 appealDeadline; // Last moment the owner may appeal.
        SlashState state; // Where the slash is.
        bytes32 reason; // What the fault was (e.g. a lease id or a price round), for the record.
    }

    /// @notice Emitted when `owner` opens position `positionId`.
    event Staked(
        uint256 indexed positionId,
        address indexed owner,
        StakeRole indexed role,
        uint256 amount,
        uint64 unlocksAt
    );
    /// @notice Emitted when `amount` TT of position `positionId` starts unbonding; `remaining` stays active.
    event WithdrawalRequested(
        uint256 indexed positionId,
        address indexed owner,
        StakeRole indexed role,
        uint256 amount,
        uint256 remaining,
        uint64 unbondsAt
    );
    /// @notice Emitted when `amount` unbonded TT leaves position `positionId`; `remaining` is what stays active.
    event Withdrawn(
        uint256 indexed positionId,
        address indexed owner,
        StakeRole indexed role,
        uint256 amount,
        uint256 remaining
    );
    /// @notice Emitted when a slasher holds position `positionId` until `heldUntil`.
    event PositionHeld(uint256 indexed positionId, address indexed slasher, uint64 heldUntil);
    /// @notice Emitted when `slasher` proposes to take `amount` TT of position `positionId`.
    event SlashProposed(
        uint256 indexed slashId,
        uint256 indexed positionId,
        address indexed slasher,
        uint256 amount,
        address beneficiary,
        uint64 appealDeadline,
        bytes32 reason
    );
    /// @notice Emitted when the owner of the slashed position appeals.
    event SlashAppealed(uint256 indexed slashId, uint256 indexed positionId, address indexed owner);
    /// @notice Emitted when an arbiter overturns a slash on appeal.
    event SlashOverturned(uint256 indexed slashId, uint256 indexed positionId, address indexed arbiter);
    /// @notice Emitted when a slash takes `amount` TT (active first, then unbonding) to `beneficiary`.
    event Slashed(
        uint256 indexed slashId,
        uint256 indexed positionId,
        address indexed beneficiary,
        uint256 fromActive,
        uint256 fromUnbonding
    );
    /// @notice Emitted when `funder` adds `amount` TT of rewards (zero when a first stake restarts a stream carried
    /// forward): from now until `periodFinish`, `rewardRate` (TT wei per second, scaled by 1e18) is streamed.
    event RewardFunded(address indexed funder, uint256 amount, uint256 rewardRate, uint64 periodFinish);
    /// @notice Emitted when `account` claims `amount` TT of rewards.
    event RewardPaid(address indexed account, uint256 amount);

    /// @notice `amount` is zero.
    error StakingZeroAmount();
    /// @notice A position, or what stays active in it, of `amount` TT is below the minimum stake.
    error StakingBelowMinimum(uint256 amount, uint256 minStake);
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
    /// @notice Nothing unbonding in the position, or not before `unbondsAt`.
    error StakingNotUnbonded(uint256 positionId, uint256 unbonding, uint64 unbondsAt);
    /// @notice The position is held by a slasher until `heldUntil`, or has `pendingSlashes` slashes pending.
    error StakingPositionHeld(uint256 positionId, uint64 heldUntil, uint256 pendingSlashes);
    /// @notice No slash has id `slashId`.
    error StakingUnknownSlash(uint256 slashId);
    /// @notice Slash `slashId` is `state`, not `expected`.
    error StakingWrongSlashState(uint256 slashId, SlashState state, SlashState expected);
    /// @notice The appeal window of slash `slashId` closed at `appealDeadline`.
    error StakingAppealWindowClosed(uint256 slashId, uint64 appealDeadline);
    /// @notice The appeal window of slash `slashId` stays open until `appealDeadline`.
    error StakingAppealWindowOpen(uint256 slashId, uint64 appealDeadline);

    /**
     * @notice Whether `account` has at least `minimum` TT staked (active) under `role`.
     */
    function hasRoleStake(address account, StakeRole role, uint256 minimum) external view returns (bool);

    /**
     * @notice Position `positionId` (zero owner when unknown).
     */
    function getPosition(uint256 positionId) external view returns (StakePosition memory);

    /**
     * @notice Adds `amount` TT, pulled from the caller, to the stakers' rewards.
     */
    function fundRewards(uint256 amount) external;

    /**
     * @notice Keeps every TT in position `positionId` from leaving until `until` (never shortens a hold).
     */
    function holdPosition(uint256 positionId, uint64 until) external;

    /**
     * @notice Proposes to take `amount` TT of position `positionId` for `beneficiary`; the owner may appeal.
     */
    function proposeSlash(
        uint256 positionId,
        uint256 amount,
        address beneficiary,
        bytes32 reason
    ) external returns (uint256 slashId);
}
