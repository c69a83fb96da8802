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
 * date, each at least `minStake`. Stakers earn the protocol's TT fees pro rata to stake × time: every funding is
 * streamed over `rewardsDuration` (a rate and a period end, as in Synthetix StakingRewards), what is left of the
 * current period rolling into the new one, so staking just before a funding earns only for the time staked after it.
 * Leaving takes two steps: a withdrawal request moves TT out of the active stake into unbonding (it stops backing the
 * role and earning), and after `unbondingPeriod` it may be withdrawn. Service-provider and oracle positions answer for
 * their faults: a slasher (the lease manager, the oracle) may hold a position while a fault is being decided and
 * propose a slash; the owner may appeal within `appealWindow`, an arbiter decides appeals, and an unappealed slash
 * may be executed by anyone once the window closes. Unbonding TT stays slashable, and nothing leaves a position that
 * is held or has a slash pending.
 * @dev Differences from StakingRewards, each fixing one of its known faults:
 * - Rewards streamed while nothing is staked are carried forward and streamed again from the next funding or the
 *   first stake, instead of being stranded.
 * - The remainder of `amount * PRECISION / totalStaked` is kept and added to the next distribution, and each
 *   account's rewards are kept in PRECISION-scaled units, so rounding dust is never lost.
 * - Rewards are accounted in `_rewardReserve`, apart from staked principal `_totalStaked`, although both are TT:
 *   the TT balance is always at least their sum.
 * - The rate is kept scaled by PRECISION, and the division's remainder is carried forward too.
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
    /// @notice How long each funding is streamed over, in seconds.
    uint64 public immutable rewardsDuration;
    /// @notice Smallest position, and smallest active amount a position may keep.
    uint256 public immutable minStake;

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
    // Rewards (scaled by PRECISION) streamed while nothing was staked, or left by the rate's division: streamed again.
    uint256 private _undistributedScaled;
    // Rewards (scaled by PRECISION) streamed per second until `_periodFinish`.
    uint256 private _rewardRate;
    uint64 private _periodFinish;
    uint64 private _lastUpdateTime;
    // All rewards (scaled by PRECISION) streamed so far, to stakers or carried forward.
    uint256 private _streamedScaled;
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
        uint64 rewardsDuration_,
        uint256 minStake_,
        uint48 adminDelay,
        address admin
    ) AccessControlDefaultAdminRules(adminDelay, admin) {
        if (rewardsDuration_ == 0) revert StakingZeroAmount();
        stakingToken = stakingToken_;
        minLockDuration = minLockDuration_;
        unbondingPeriod = unbondingPeriod_;
        appealWindow = appealWindow_;
        rewardsDuration = rewardsDuration_;
        minStake = minStake_;
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
     * @dev Requirements: caller owns the position, `block.timestamp` >= `unlocksAt`, 0 < `amount` <= active amount,
     * and what stays active is zero or at least `minStake`. Emits a {WithdrawalRequested} event.
     */
    function requestWithdrawal(uint256 positionId, uint256 amount) external nonReentrant {
        StakePosition storage position = _ownedPosition(positionId);
        if (block.timestamp < position.unlocksAt) revert StakingLockupActive(positionId, position.unlocksAt);
        if (amount == 0) revert StakingZeroAmount();
        uint256 available = position.amount;
        if (amount > available) revert StakingInsufficientStake(positionId, available, amount);
        if (available - amount != 0 && available - amount < minStake) {
            revert StakingBelowMinimum(available - amount, minStake);
        }

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
    /// @dev Anyone may fund; the fee router does with the stakers' share of TT fees. `amount`, what is left of the
    /// current period and anything carried forward are streamed from now over `rewardsDuration`.
    /// Emits a {RewardFunded} event.
    function fundRewards(uint256 amount) external nonReentrant {
        if (amount == 0) revert StakingZeroAmount();
        // Accounted before the pull: TT is a plain ERC-20 with no hooks, and the call reverts as a whole otherwise.
        _rewardReserve += amount;
        _totalRewardsFunded += amount;
        _accrue();
        _startPeriod(msg.sender, amount);
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

    /// @notice Whole TT wei streamed while nothing was staked (or left by rounding), streamed again from the next
    /// funding or first stake.
    function undistributedRewards() external view returns (uint256) {
        (, uint256 undistributedScaled, , ) = _accrued();
        return undistributedScaled / PRECISION;
    }

    /// @notice Rewards streamed per second until `periodFinish`, scaled by PRECISION.
    function rewardRate() external view returns (uint256) {
        return _rewardRate;
    }

    /// @notice When the current reward stream ends.
    function periodFinish() external view returns (uint64) {
        return _periodFinish;
    }

    /// @notice Whole TT wei of rewards streamed so far (to stakers or carried forward); never below what was claimed.
    function totalRewardsStreamed() external view returns (uint256) {
        (, , , uint256 streamedScaled) = _accrued();
        return streamedScaled / PRECISION;
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
    function distributionDust() external view returns (uint256 dust) {
        (, , dust, ) = _accrued();
    }

    /// @notice The reward-per-token accumulator up to now, scaled by PRECISION.
    function rewardPerToken() public view returns (uint256 accumulator) {
        (accumulator, , , ) = _accrued();
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
        return _earnedScaled(account, rewardPerToken()) / PRECISION;
    }

    // ==== INTERNAL ====

    function _stake(StakeRole role, uint256 amount, uint64 lockDuration) private returns (uint256 positionId) {
        if (amount == 0) revert StakingZeroAmount();
        if (amount < minStake) revert StakingBelowMinimum(amount, minStake);
        if (lockDuration < minLockDuration) revert StakingLockupTooShort(lockDuration, minLockDuration);

        _updateReward(msg.sender);
        bool wasEmpty = _totalStaked == 0;
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

        // Rewards streamed while nothing was staked now have someone to go to: streamed again from now.
        if (wasEmpty && _undistributedScaled >= rewardsDuration) _startPeriod(msg.sender, 0);

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
     * @dev Settles `account`'s rewards up to now. Must run before any change to its balance or the total.
     */
    function _updateReward(address account) internal {
        _accrue();
        _rewardsScaled[account] = _earnedScaled(account, _rewardPerTokenStored);
        _rewardPerTokenPaid[account] = _rewardPerTokenStored;
    }

    /// @dev Brings the accumulator, the carried-forward rewards and the dust up to now.
    function _accrue() private {
        (_rewardPerTokenStored, _undistributedScaled, _distributionDust, _streamedScaled) = _accrued();
        _lastUpdateTime = uint64(block.timestamp);
    }

    /**
     * @dev The stream since the last update: to stakers through the accumulator (its division's remainder kept as
     * dust), or carried forward when nothing was staked.
     */
    function _accrued()
        private
        view
        returns (uint256 accumulator, uint256 undistributedScaled, uint256 dust, uint256 streamedScaled)
    {
        accumulator = _rewardPerTokenStored;
        undistributedScaled = _undistributedScaled;
        dust = _distributionDust;
        streamedScaled = _streamedScaled;
        uint256 until = block.timestamp < _periodFinish ? block.timestamp : _periodFinish;
        if (until <= _lastUpdateTime) return (accumulator, undistributedScaled, dust, streamedScaled);
        uint256 streamed = (until - _lastUpdateTime) * _rewardRate;
        streamedScaled += streamed;
        uint256 total = _totalStaked;
        if (total == 0) return (accumulator, undistributedScaled + streamed, dust, streamedScaled);
        uint256 numerator = streamed + dust;
        return (accumulator + numerator / total, undistributedScaled, numerator % total, streamedScaled);
    }

    function _earnedScaled(address account, uint256 accumulator) private view returns (uint256) {
        return _rewardsScaled[account] + _balances[account] * (accumulator - _rewardPerTokenPaid[account]);
    }

    /**
     * @dev Streams `amount`, what is left of the current period and anything carried forward over `rewardsDuration`
     * from now. The rate's remainder is carried forward. Accrue first.
     */
    function _startPeriod(address funder, uint256 amount) private {
        uint256 leftover = block.timestamp < _periodFinish ? (_periodFinish - block.timestamp) * _rewardRate : 0;
        uint256 pending = amount * PRECISION + leftover + _undistributedScaled;
        uint256 rate = pending / rewardsDuration;
        uint64 finish = uint64(block.timestamp) + rewardsDuration;
        _undistributedScaled = pending % rewardsDuration;
        _rewardRate = rate;
        _periodFinish = finish;
        _lastUpdateTime = uint64(block.timestamp);
        emit RewardFunded(funder, amount, rate, finish);
    }
}
