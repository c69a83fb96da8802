// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IFeeRouter} from "./interfaces/IFeeRouter.sol";
import {IStaking} from "./interfaces/IStaking.sol";

/**
 * @title FeeRouter
 * @notice Receives every protocol fee, emits one {FeeEvent} per originating transaction, and splits TT fees between
 * the stakers' rewards and the treasury. Fees in other tokens (the stable token, other payment tokens) go to the
 * treasury in full, since staking rewards are paid in TT.
 * @dev Collectors push the fee to the router and then call {recordFee}; the router checks it holds the fee. The split
 * is only accounted at that point and paid out by {distribute}, so that a fee costs its payer one transfer — which is
 * what keeps a batch of 1,000 passport anchors under 100 gas per passport.
 */
contract FeeRouter is IFeeRouter, AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Protocol contracts allowed to record fees.
    bytes32 public constant FEE_COLLECTOR_ROLE = keccak256("FEE_COLLECTOR_ROLE");
    uint16 private constant _MAX_BPS = 10_000;

    /// @notice The TT token, the only token whose fees are shared with stakers.
    IERC20 public immutable ttToken;
    /// @notice Where stakers' rewards go.
    IStaking public immutable staking;

    address private _treasury;
    uint16 private _stakerShareBps;
    uint256 private _stakerRewardsOwed;
    mapping(address token => uint256) private _treasuryOwed;

    constructor(IERC20 ttToken_, IStaking staking_, address treasury_, uint16 stakerShareBps_, address admin) {
        if (treasury_ == address(0) || admin == address(0)) revert FeeRouterZeroAddress();
        if (stakerShareBps_ > _MAX_BPS) revert FeeRouterInvalidBps(stakerShareBps_);
        ttToken = ttToken_;
        staking = staking_;
        _treasury = treasury_;
        _stakerShareBps = stakerShareBps_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ==== FEES ====

    /// @inheritdoc IFeeRouter
    /// @dev Requirements: caller has FEE_COLLECTOR_ROLE; the router already holds `amount` beyond what it owes.
    /// A zero `amount` still emits, so every transaction has its {FeeEvent}. Emits a {FeeEvent} event.
    function recordFee(
        FeeKind kind,
        address payer,
        address token,
        uint256 amount,
        bytes32 ref
    ) external onlyRole(FEE_COLLECTOR_ROLE) {
        if (amount != 0) {
            uint256 needed = _owed(token) + amount;
            uint256 balance = IERC20(token).balanceOf(address(this));
            if (balance < needed) revert FeeRouterFeeNotReceived(token, balance, needed);
            uint256 toStakers = token == address(ttToken) ? (amount * _stakerShareBps) / _MAX_BPS : 0;
            if (toStakers != 0) _stakerRewardsOwed += toStakers;
            _treasuryOwed[token] += amount - toStakers;
        }
        emit FeeEvent(kind, payer, token, amount, ref);
    }

    /**
     * @notice Pays what the router owes in `token`: the stakers' share to staking (TT only), the rest to the treasury.
     * @dev Anyone may call. Emits a {FeesDistributed} event.
     */
    function distribute(address token) external nonReentrant {
        uint256 toStakers = token == address(ttToken) ? _stakerRewardsOwed : 0;
        uint256 toTreasury = _treasuryOwed[token];
        if (toStakers != 0) _stakerRewardsOwed = 0;
        _treasuryOwed[token] = 0;
        emit FeesDistributed(token, toStakers, toTreasury);

        if (toStakers != 0) {
            ttToken.forceApprove(address(staking), toStakers);
            staking.fundRewards(toStakers);
        }
        if (toTreasury != 0) IERC20(token).safeTransfer(_treasury, toTreasury);
    }

    // ==== ADMIN ====

    /**
     * @notice Sets the treasury. Requirements: DEFAULT_ADMIN_ROLE, non-zero. Emits a {TreasuryUpdated} event.
     */
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newTreasury == address(0)) revert FeeRouterZeroAddress();
        emit TreasuryUpdated(_treasury, newTreasury);
        _treasury = newTreasury;
    }

    /**
     * @notice Sets the stakers' share of TT fees. Requirements: DEFAULT_ADMIN_ROLE, `bps` <= 10,000.
     * Emits a {StakerShareUpdated} event.
     */
    function setStakerShareBps(uint16 bps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (bps > _MAX_BPS) revert FeeRouterInvalidBps(bps);
        emit StakerShareUpdated(_stakerShareBps, bps);
        _stakerShareBps = bps;
    }

    // ==== GETTERS ====

    /// @notice The treasury.
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @notice The stakers' share of TT fees, in basis points.
    function stakerShareBps() external view returns (uint16) {
        return _stakerShareBps;
    }

    /// @notice What the router holds for distribution in `token`.
    function owed(address token) external view returns (uint256) {
        return _owed(token);
    }

    /// @notice TT owed to the stakers, not yet distributed.
    function stakerRewardsOwed() external view returns (uint256) {
        return _stakerRewardsOwed;
    }

    function _owed(address token) private view returns (uint256) {
        return _treasuryOwed[token] + (token == address(ttToken) ? _stakerRewardsOwed : 0);
    }
}
