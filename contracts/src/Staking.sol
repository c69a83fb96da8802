// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IStaking} from "./interfaces/IStaking.sol";

/**
 * @title Staking
 * @notice TT staked in positions, each backing one role (market maker, service provider, oracle) and locked until a
 * date. Stakers earn the protocol's TT fees pro rata with the reward-per-token accumulator (Synthetix StakingRewards).
 * @dev Differences from StakingRewards, each fixing one of its known faults:
 * - Rewards funded while nothing is staked are carried forward and distributed with the next funding or stake,
 *   instead of being stranded.
 * - The remainder of `amount * PRECISION / totalStaked` is kept and added to the next distribution, and each
 *   account's rewards are kept in PRECISION-scaled units, so rounding dust is never lost.
 * - Rewards are accounted in `_rewardReserve`, apart from staked principal `_totalStaked`, although both are TT:
 *   the TT balance is always at least their sum.
 * Rewards are distributed instantly on funding rather than streamed over a period.
 */
contract Staking is IStaking, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Scale of the reward-per-token accumulator.
    uint256 public constant PRECISION = 1e18;

    /// @notice The staked and rewarded token (TT).
    IERC20 public immutable stakingToken;
    /// @notice Shortest lock-up a new position may have, in seconds.
    uint64 public immutable minLockDuration;

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

    constructor(IERC20 stakingToken_, uint64 minLockDuration_) {
        stakingToken = stakingToken_;
        minLockDuration = minLockDuration_;
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
     * @notice Withdraws `amount` TT from position `positionId` once its lock-up is over.
     * @dev Requirements: caller owns the position, `block.timestamp` >= `unlocksAt`, `amount` <= position amount.
     * Emits a {Withdrawn} event.
     */
    function withdraw(uint256 positionId, uint256 amount) external nonReentrant {
        StakePosition storage position = _positions[positionId];
        address owner = position.owner;
        if (owner == address(0)) revert StakingUnknownPosition(positionId);
        if (owner != msg.sender) revert StakingNotPositionOwner(positionId, msg.sender);
        if (block.timestamp < position.unlocksAt) revert StakingLockupActive(positionId, position.unlocksAt);
        if (amount == 0) revert StakingZeroAmount();
        uint256 available = position.amount;
        if (amount > available) revert StakingInsufficientStake(positionId, available, amount);

        _updateReward(owner);
        // Underflow not possible: amount <= position.amount <= _roleStakes <= _balances <= _totalStaked.
        unchecked {
            position.amount = available - amount;
            _roleStakes[owner][position.role] -= amount;
            _balances[owner] -= amount;
            _totalStaked -= amount;
        }
        emit Withdrawn(positionId, owner, position.role, amount, available - amount);

        stakingToken.safeTransfer(owner, amount);
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

    /// @notice Position `positionId` (zero owner when unknown).
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
        _positions[positionId] = StakePosition({owner: msg.sender, role: role, unlocksAt: unlocksAt, amount: amount});
        _roleStakes[msg.sender][role] += amount;
        _balances[msg.sender] += amount;
        _totalStaked += amount;
        emit Staked(positionId, msg.sender, role, amount, unlocksAt);

        // Rewards funded while nothing was staked now have someone to go to.
        if (_undistributed != 0) _distribute(msg.sender, 0);

        stakingToken.safeTransferFrom(msg.sender, address(this), amount);
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
