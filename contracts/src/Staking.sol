// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// solhint-disable-next-line max-line-length
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IStaking} from "./interfaces/IStaking.sol";

/**
 * @title Staking
 * @notice TT staked in positions, each backing one role (market maker, service provider, oracle) and locked until a
 * date. Stakers earn the protocol's TT fees pro rata with the reward-per-token accumulator (Synthetix StakingRewards).
 * Leaving takes two steps: a withdrawal request moves TT out of the active stake into unbonding (it stops backing the
 * role and earning), and after `unbondingPeriod` it may be withdrawn. Service-provider and oracle positions answer for
 * their faults: a slasher (the lease manager, the oracle) may hold a position while a fault is being decided and
 * propose a slash; the owner may appeal within `appealWindow`, an arbiter decides appeals, and an unappealed slash
 * may be executed by anyone once the window closes. Unbonding TT stays slashable, and nothing leaves a position that
 * is held or has a slash pending.
 * @dev Differences from StakingRewards, each fixing one of its known faults:
 * - Rewards funded while nothing is staked are carried forward and distributed with the next funding or stake,
 *   instead of being stranded.
 * - The remainder of `amount * PRECISION / totalStaked` is kept and added to the next distribution, and each
 *   account's rewards are kept in PRECISION-scaled units, so rounding dust is never lost.
 * - Rewards are accounted in `_rewardReserve`, apart from staked principal `_totalStaked`, although both are TT:
 *   the TT balance is always at least their sum.
 * Rewards are distributed instantly on funding rather than streamed over a period.
 */
// solhint-disable-next-line max-states-count
contract Staking is IStaking, AccessControlDefaultAdminRules, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Scale of the reward-per-token accumulator.
    uint256 public constant PRECISION = 1e18;
    /// @notice May hold positions and propose slashes (the lease manager, the price oracle).
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    /// @notice Decides appeals against slashes.
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");

    /// @notice The staked and rewarded token (TT).
    IERC20 public immutable stakingToken;
    /// @notice Shortest lock-up a new position may have, in seconds.
    uint64 public immutable minLockDuration;
    /// @notice How long requested TT unbonds before it may be withdrawn, in seconds.
    uint64 public immutable unbondingPeriod;
    /// @notice How long the owner of a slashed position has to appeal, in seconds.
    uint64 public immutable appealWindow;

    mapping(uint256 positionId => StakePosition) private _positions;
    mapping(address account => uint256) private _balances;
    mapping(address account => mapping(StakeRole role => uint256)) private _roleStakes;
    mapping(address account => uint256) private _rewardPerTokenPaid;
    // Rewards earned but not claimed, scaled by PRECISION so fractions of a wei stay with their account.
    mapping(address account => uint256) private _rewardsScaled;

    uint256 private _positionCount;
    uint256 private _totalStaked;
    uint256 private _rewardPerTokenStored;
    // Numerator (token * PRECISION) left over by the last division by `_totalStaked`.
    uint256 private _distributionDust;
    // Rewards funded while nothing was staked, waiting for the first stake.
    uint256 private _undistributed;
    // Funded minus claimed: the TT held for rewards, apart from principal.
    uint256 private _rewardReserve;
    uint256 private _totalRewardsFunded;
    uint256 private _totalRewardsClaimed;
    uint256 private _slashCount;
    mapping(uint256 slashId => Slash) private _slashes;
    mapping(uint256 positionId => uint256) private _pendingSlashes;

    constructor(
        IERC20 stakingToken_,
        uint64 minLockDuration_,
        uint64 unbondingPeriod_,
        uint64 appealWindow_,
        uint48 adminDelay,
        address admin
    ) AccessControlDefaultAdminRules(adminDelay, admin) {
        stakingToken = stakingToken_;
        minLockDuration = minLockDuration_;
        unbondingPeriod = unbondingPeriod_;
        appealWindow = appealWindow_;
    }

    // ==== POSITIONS ====

    /**
     * @notice Stakes `amount` TT from the caller in a new position backing `role`, locked for `lockDuration` seconds.
     * @dev Requirements: `amount` > 0, `lockDuration` >= `minLockDuration`, TT allowance for this contract.
     * Emits a {Staked} event (and a {RewardFunded} event when carried-forward rewards get distributed).
     * @return positionId The new position's id.
     */
    function stake(StakeRole role, uint256 amount, uint64 lockDuration) external nonReentrant returns (uint256) {
        return _stake(role, amount, lockDuration);
    }

    /**
     * @notice {stake} with an EIP-2612 permit instead of a prior approval.
     * @dev The permit is tried and its failure ignored (it may have been front-run); the transfer then needs the
     * allowance either way.
     */
    function stakeWithPermit(
        StakeRole role,
        uint256 amount,
        uint64 lockDuration,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant returns (uint256) {
        // solhint-disable-next-line no-empty-blocks
        try IERC20Permit(address(stakingToken)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        return _stake(role, amount, lockDuration);
    }

    /**
     * @notice Starts unbonding `amount` TT of position `positionId`: it stops backing the role and earning rewards at
     * once, stays slashable, and may be withdrawn `unbondingPeriod` from now (TT already unbonding waits as long).
     * @dev Requirements: caller owns the position, `block.timestamp` >= `unlocksAt`, 0 < `amount` <= active amount.
     * Emits a {WithdrawalRequested} event.
     */
    function requestWithdrawal(uint256 positionId, uint256 amount) external nonReentrant {
        StakePosition storage position = _ownedPosition(positionId);
        if (block.timestamp < position.unlocksAt) revert StakingLockupActive(positionId, position.unlocksAt);
        if (amount == 0) revert StakingZeroAmount();
        uint256 available = position.amount;
        if (amount > available) revert StakingInsufficientStake(positionId, available, amount);

        address owner = position.owner;
        _updateReward(owner);
        uint64 unbondsAt = uint64(block.timestamp) + unbondingPeriod;
        _reduceActive(position, amount);
        position.unbonding += amount;
        position.unbondsAt = unbondsAt;
        emit WithdrawalRequested(positionId, owner, position.role, amount, available - amount, unbondsAt);
    }

    /**
     * @notice Withdraws all unbonded TT of position `positionId`.
     * @dev Requirements: caller owns the position; something unbonding and `block.timestamp` >= `unbondsAt`; the
     * position is not held and has no slash pending. Emits a {Withdrawn} event.
     */
    function withdraw(uint256 positionId) external nonReentrant {
        StakePosition storage position = _ownedPosition(positionId);
        uint256 amount = position.unbonding;
        if (amount == 0 || block.timestamp < position.unbondsAt) {
            revert StakingNotUnbonded(positionId, amount, position.unbondsAt);
        }
        _requireFree(positionId, position);
        position.unbonding = 0;
        emit Withdrawn(positionId, position.owner, position.role, amount, position.amount);

        stakingToken.safeTransfer(position.owner, amount);
    }

    // ==== SLASHING ====

    /// @inheritdoc IStaking
    /// @dev Requirements: SLASHER_ROLE; the position exists. Emits a {PositionHeld} event.
    function holdPosition(uint256 positionId, uint64 until) external onlyRole(SLASHER_ROLE) {
        StakePosition storage position = _positionOf(positionId);
        if (until > position.heldUntil) position.heldUntil = until;
        emit PositionHeld(positionId, msg.sender, position.heldUntil);
    }

    /// @inheritdoc IStaking
    /// @dev Requirements: SLASHER_ROLE; the position exists; `amount` > 0. Nothing leaves the position until the
    /// slash is executed or overturned. Emits a {SlashProposed} event.
    function proposeSlash(
        uint256 positionId,
        uint256 amount,
        address beneficiary,
        bytes32 reason
    ) external onlyRole(SLASHER_ROLE) returns (uint256 slashId) {
        _positionOf(positionId);
        if (amount == 0) revert StakingZeroAmount();
        slashId = ++_slashCount;
        uint64 appealDeadline = uint64(block.timestamp) + appealWindow;
        _slashes[slashId] = Slash({
            positionId: positionId,
            amount: amount,
            beneficiary: beneficiary,
            slasher: msg.sender,
            appealDeadline: appealDeadline,
            state: SlashState.Proposed,
            reason: reason
        });
        ++_pendingSlashes[positionId];
        emit SlashProposed(slashId, positionId, msg.sender, amount, beneficiary, appealDeadline, reason);
    }

    /**
     * @notice Appeals slash `slashId`; an arbiter then decides.
     * @dev Requirements: caller owns the slashed position; state Proposed; within the appeal window.
     * Emits a {SlashAppealed} event.
     */
    function appealSlash(uint256 slashId) external {
        Slash storage slash = _slashIn(slashId, SlashState.Proposed);
        uint256 positionId = slash.positionId;
        if (_positions[positionId].owner != msg.sender) revert StakingNotPositionOwner(positionId, msg.sender);
        if (block.timestamp > slash.appealDeadline) revert StakingAppealWindowClosed(slashId, slash.appealDeadline);
        slash.state = SlashState.Appealed;
        emit SlashAppealed(slashId, positionId, msg.sender);
    }

    /**
     * @notice Executes unappealed slash `slashId` once its appeal window has closed. Anyone may call.
     * @dev Requirements: state Proposed; `block.timestamp` > `appealDeadline`. Emits a {Slashed} event.
     */
    function executeSlash(uint256 slashId) external nonReentrant {
        Slash storage slash = _slashIn(slashId, SlashState.Proposed);
        if (block.timestamp <= slash.appealDeadline) revert StakingAppealWindowOpen(slashId, slash.appealDeadline);
        _executeSlash(slashId, slash);
    }

    /**
     * @notice Decides the appeal against slash `slashId`: executed when `upheld`, overturned otherwise.
     * @dev Requirements: ARBITER_ROLE; state Appealed. Emits a {Slashed} or {SlashOverturned} event.
     */
    function resolveAppeal(uint256 slashId, bool upheld) external nonReentrant onlyRole(ARBITER_ROLE) {
        Slash storage slash = _slashIn(slashId, SlashState.Appealed);
        if (upheld) {
            _executeSlash(slashId, slash);
        } else {
            slash.state = SlashState.Overturned;
            --_pendingSlashes[slash.positionId];
            emit SlashOverturned(slashId, slash.positionId, msg.sender);
        }
    }

    // ==== REWARDS ====

    /// @inheritdoc IStaking
    /// @dev Anyone may fund; the fee router does with the stakers' share of TT fees. Emits a {RewardFunded} event.
    function fundRewards(uint256 amount) external nonReentrant {
        if (amount == 0) revert StakingZeroAmount();
        // Accounted before the pull: TT is a plain ERC-20 with no hooks, and the call reverts as a whole otherwise.
        _rewardReserve += amount;
        _totalRewardsFunded += amount;
        _distribute(msg.sender, amount);
        stakingToken.safeTransferFrom(msg.sender, address(this), amount);
    }

    /**
     * @notice Pays the caller every whole TT wei of reward earned so far; fractions stay for later.
     * @dev Emits a {RewardPaid} event when something is paid.
     * @return amount The TT paid.
     */
    function claimReward() external nonReentrant returns (uint256 amount) {
        _updateReward(msg.sender);
        uint256 scaled = _rewardsScaled[msg.sender];
        amount = scaled / PRECISION;
        if (amount == 0) return 0;
        _rewardsScaled[msg.sender] = scaled - amount * PRECISION;
        _rewardReserve -= amount;
        _totalRewardsClaimed += amount;
        emit RewardPaid(msg.sender, amount);

        stakingToken.safeTransfer(msg.sender, amount);
    }

    // ==== GETTERS ====

    /// @inheritdoc IStaking
    function hasRoleStake(address account, StakeRole role, uint256 minimum) external view returns (bool) {
        return _roleStakes[account][role] >= minimum;
    }

    /// @notice TT `account` has staked under `role`, across positions.
    function roleStakeOf(address account, StakeRole role) external view returns (uint256) {
        return _roleStakes[account][role];
    }

    /// @notice TT `account` has staked, across positions and roles.
    function balanceOf(address account) external view returns (uint256) {
        return _balances[account];
    }

    /// @inheritdoc IStaking
    function getPosition(uint256 positionId) external view returns (StakePosition memory) {
        return _positions[positionId];
    }

    /// @notice Number of positions ever opened; ids run from 1 to this.
    function positionCount() external view returns (uint256) {
        return _positionCount;
    }

    /// @notice TT staked in all positions.
    function totalStaked() external view returns (uint256) {
        return _totalStaked;
    }

    /// @notice TT held for rewards (funded minus claimed), apart from principal.
    function rewardReserve() external view returns (uint256) {
        return _rewardReserve;
    }

    /// @notice Rewards funded while nothing was staked, to be distributed with the next funding or stake.
    function undistributedRewards() external view returns (uint256) {
        return _undistributed;
    }

    /// @notice All TT ever funded as rewards.
    function totalRewardsFunded() external view returns (uint256) {
        return _totalRewardsFunded;
    }

    /// @notice All TT ever claimed as rewards.
    function totalRewardsClaimed() external view returns (uint256) {
        return _totalRewardsClaimed;
    }

    /// @notice Rewards (scaled by PRECISION) left over by the accumulator's rounding, added to the next distribution.
    function distributionDust() external view returns (uint256) {
        return _distributionDust;
    }

    /// @notice The reward-per-token accumulator, scaled by PRECISION.
    function rewardPerToken() external view returns (uint256) {
        return _rewardPerTokenStored;
    }

    /// @notice Slash `slashId` (state None when unknown).
    function getSlash(uint256 slashId) external view returns (Slash memory) {
        return _slashes[slashId];
    }

    /// @notice Number of slashes ever proposed; ids run from 1 to this.
    function slashCount() external view returns (uint256) {
        return _slashCount;
    }

    /// @notice Slashes of position `positionId` proposed or appealed and not yet settled.
    function pendingSlashes(uint256 positionId) external view returns (uint256) {
        return _pendingSlashes[positionId];
    }

    /// @notice Whole TT wei of reward `account` could claim now.
    function earned(address account) public view returns (uint256) {
        return _earnedScaled(account) / PRECISION;
    }

    // ==== INTERNAL ====

    function _stake(StakeRole role, uint256 amount, uint64 lockDuration) private returns (uint256 positionId) {
        if (amount == 0) revert StakingZeroAmount();
        if (lockDuration < minLockDuration) revert StakingLockupTooShort(lockDuration, minLockDuration);

        _updateReward(msg.sender);
        positionId = ++_positionCount;
        uint64 unlocksAt = uint64(block.timestamp) + lockDuration;
        _positions[positionId] = StakePosition({
            owner: msg.sender,
            role: role,
            unlocksAt: unlocksAt,
            amount: amount,
            unbonding: 0,
            unbondsAt: 0,
            heldUntil: 0
        });
        _roleStakes[msg.sender][role] += amount;
        _balances[msg.sender] += amount;
        _totalStaked += amount;
        emit Staked(positionId, msg.sender, role, amount, unlocksAt);

        // Rewards funded while nothing was staked now have someone to go to.
        if (_undistributed != 0) _distribute(msg.sender, 0);

        stakingToken.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @dev Takes the slash's amount, capped by what the position holds: active TT first, then unbonding TT.
    function _executeSlash(uint256 slashId, Slash storage slash) private {
        uint256 positionId = slash.positionId;
        StakePosition storage position = _positions[positionId];
        slash.state = SlashState.Executed;
        --_pendingSlashes[positionId];
        uint256 fromActive = slash.amount < position.amount ? slash.amount : position.amount;
        uint256 rest = slash.amount - fromActive;
        uint256 fromUnbonding = rest < position.unbonding ? rest : position.unbonding;
        if (fromActive != 0) {
            _updateReward(position.owner);
            _reduceActive(position, fromActive);
        }
        position.unbonding -= fromUnbonding;
        address beneficiary = slash.beneficiary;
        emit Slashed(slashId, positionId, beneficiary, fromActive, fromUnbonding);

        if (fromActive + fromUnbonding != 0) stakingToken.safeTransfer(beneficiary, fromActive + fromUnbonding);
    }

    /// @dev Moves `amount` out of the position's active stake and every total it counts in. Rewards settled first.
    function _reduceActive(StakePosition storage position, uint256 amount) private {
        address owner = position.owner;
        // Underflow not possible: amount <= position.amount <= _roleStakes <= _balances <= _totalStaked.
        unchecked {
            position.amount -= amount;
            _roleStakes[owner][position.role] -= amount;
            _balances[owner] -= amount;
            _totalStaked -= amount;
        }
    }

    function _requireFree(uint256 positionId, StakePosition storage position) private view {
        uint256 pending = _pendingSlashes[positionId];
        if (block.timestamp < position.heldUntil || pending != 0) {
            revert StakingPositionHeld(positionId, position.heldUntil, pending);
        }
    }

    function _positionOf(uint256 positionId) private view returns (StakePosition storage position) {
        position = _positions[positionId];
        if (position.owner == address(0)) revert StakingUnknownPosition(positionId);
    }

    function _ownedPosition(uint256 positionId) private view returns (StakePosition storage position) {
        position = _positionOf(positionId);
        if (position.owner != msg.sender) revert StakingNotPositionOwner(positionId, msg.sender);
    }

    function _slashIn(uint256 slashId, SlashState expected) private view returns (Slash storage slash) {
        slash = _slashes[slashId];
        if (slash.state == SlashState.None) revert StakingUnknownSlash(slashId);
        if (slash.state != expected) revert StakingWrongSlashState(slashId, slash.state, expected);
    }

    /**
     * @dev Settles `account`'s rewards up to the current accumulator. Must run before any change to its balance.
     */
    function _updateReward(address account) internal {
        _rewardsScaled[account] = _earnedScaled(account);
        _rewardPerTokenPaid[account] = _rewardPerTokenStored;
    }

    function _earnedScaled(address account) private view returns (uint256) {
        return _rewardsScaled[account] + _balances[account] * (_rewardPerTokenStored - _rewardPerTokenPaid[account]);
    }

    /**
     * @dev Adds `amount` plus anything carried forward to the accumulator, keeping the division's remainder.
     */
    function _distribute(address funder, uint256 amount) private {
        uint256 total = _totalStaked;
        uint256 pending = _undistributed + amount;
        if (total == 0) {
            _undistributed = pending;
            emit RewardFunded(funder, amount, 0, pending);
            return;
        }
        _undistributed = 0;
        uint256 numerator = pending * PRECISION + _distributionDust;
        _rewardPerTokenStored += numerator / total;
        _distributionDust = numerator % total;
        emit RewardFunded(funder, amount, pending, 0);
    }
}
