// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IFeeRouter} from "./interfaces/IFeeRouter.sol";
import {ILeaseManager} from "./interfaces/ILeaseManager.sol";
import {IPriceOracle} from "./interfaces/IPriceOracle.sol";
import {IRepairRegistry} from "./interfaces/IRepairRegistry.sol";
import {IERC4907} from "./interfaces/IUnitToken.sol";

/**
 * @title LeaseManager
 * @notice Leases of units. A lessor offers a unit (held in escrow) at a rate per day for up to N days with a required
 * collateral in EUR. A lessee accepts for D days, prepaying the rent in the stable token and posting collateral in the
 * stable token and/or TT, valued `stable + TT * price * (1 - haircut)` with the oracle's TT/EUR price (a stale price is
 * refused). The lessee is the unit's ERC-4907 user until the end. At the end anyone can settle: the lessor gets the
 * unit and the rent minus the fee. Within the claim window the lessor may claim collateral against a repair record
 * of the unit made since the lease started; after it the lessee withdraws what is left.
 * @dev Amounts in EUR terms use 18 decimals; the stable token's own decimals are scaled up. The lease fee is taken
 * from the rent when the lease is accepted, so every lease has its {FeeEvent} at once.
 */
contract LeaseManager is ILeaseManager, ReentrancyGuard {
    using SafeERC20 for IERC20;

    uint256 private constant _BPS = 10_000;
    uint256 private constant _PRICE_SCALE = 1e18;
    /// @notice Highest lease fee: 10% of the rent.
    uint16 public constant MAX_FEE_BPS = 1_000;

    /// @notice The unit token (ERC-721 + ERC-4907).
    IERC721 public immutable unitToken;
    /// @notice The stable (EUR) token rent and stable collateral are paid in.
    IERC20 public immutable stableToken;
    /// @notice The TT token.
    IERC20 public immutable ttToken;
    /// @notice The TT/EUR price oracle.
    IPriceOracle public immutable priceOracle;
    /// @notice Where fees go.
    IFeeRouter public immutable feeRouter;
    /// @notice Where damage claims' repair records are read.
    IRepairRegistry public immutable repairRegistry;
    /// @notice Fee on the rent, in basis points.
    uint16 public immutable leaseFeeBps;
    /// @notice Discount on TT collateral's value, in basis points.
    uint16 public immutable ttHaircutBps;
    /// @notice How long after the end the lessor may claim collateral, in seconds.
    uint64 public immutable claimWindow;
    /// @notice Oldest oracle price accepted, in seconds.
    uint64 public immutable maxPriceAge;

    uint256 private immutable _stableScale;
    uint256 private _leaseCount;
    mapping(uint256 leaseId => Lease) private _leases;
    mapping(uint256 unitId => uint256 leaseId) private _activeLeases;
    mapping(uint256 repairId => bool) private _claimedRepairs;

    constructor(
        IERC721 unitToken_,
        IERC20 stableToken_,
        IERC20 ttToken_,
        IPriceOracle priceOracle_,
        IFeeRouter feeRouter_,
        IRepairRegistry repairRegistry_,
        uint16 leaseFeeBps_,
        uint16 ttHaircutBps_,
        uint64 claimWindow_,
        uint64 maxPriceAge_
    ) {
        if (leaseFeeBps_ > MAX_FEE_BPS) revert LeaseManagerInvalidBps(leaseFeeBps_);
        if (ttHaircutBps_ > _BPS) revert LeaseManagerInvalidBps(ttHaircutBps_);
        unitToken = unitToken_;
        stableToken = stableToken_;
        ttToken = ttToken_;
        priceOracle = priceOracle_;
        feeRouter = feeRouter_;
        repairRegistry = repairRegistry_;
        leaseFeeBps = leaseFeeBps_;
        ttHaircutBps = ttHaircutBps_;
        claimWindow = claimWindow_;
        maxPriceAge = maxPriceAge_;
        _stableScale = 10 ** (18 - IERC20Metadata(address(stableToken_)).decimals());
    }

    // ==== OFFERS ====

    /**
     * @notice Offers unit `unitId` for lease at `ratePerDay` stable per day, for up to `maxDays` days, against
     * `requiredCollateral` EUR (18 decimals); the unit moves into escrow.
     * @dev Requirements: caller owns the unit and approved this contract; `ratePerDay` and `maxDays` > 0.
     * Emits a {LeaseOffered} event.
     * @return leaseId The new lease's id (from 1).
     */
    function createLeaseOffer(
        uint256 unitId,
        uint256 ratePerDay,
        uint32 maxDays,
        uint256 requiredCollateral
    ) external nonReentrant returns (uint256 leaseId) {
        if (unitToken.ownerOf(unitId) != msg.sender) revert LeaseManagerNotUnitOwner(unitId, msg.sender);
        if (ratePerDay == 0 || maxDays == 0) revert LeaseManagerInvalidTerms(ratePerDay, maxDays);

        leaseId = ++_leaseCount;
        Lease storage lease = _leases[leaseId];
        lease.lessor = msg.sender;
        lease.unitId = unitId;
        lease.ratePerDay = ratePerDay;
        lease.maxDays = maxDays;
        lease.requiredCollateral = requiredCollateral;
        lease.state = LeaseState.Offered;
        _activeLeases[unitId] = leaseId;
        emit LeaseOffered(leaseId, unitId, msg.sender, ratePerDay, maxDays, requiredCollateral);

        unitToken.transferFrom(msg.sender, address(this), unitId);
    }

    /**
     * @notice Withdraws unaccepted offer `leaseId`; the unit goes back to the lessor.
     * @dev Requirements: state Offered; caller is the lessor. Emits a {LeaseOfferCancelled} event.
     */
    function cancelLeaseOffer(uint256 leaseId) external nonReentrant {
        Lease storage lease = _leaseIn(leaseId, LeaseState.Offered);
        if (lease.lessor != msg.sender) revert LeaseManagerNotLessor(leaseId, msg.sender);
        uint256 unitId = lease.unitId;
        lease.state = LeaseState.Cancelled;
        delete _activeLeases[unitId];
        emit LeaseOfferCancelled(leaseId, unitId, msg.sender);

        unitToken.safeTransferFrom(address(this), msg.sender, unitId);
    }

    // ==== LEASES ====

    /**
     * @notice Accepts lease `leaseId` for `durationDays` days, prepaying the rent and posting collateral.
     * @dev Requirements: state Offered; 0 < `durationDays` <= `maxDays`; collateral value (TT valued with an oracle
     * price at most `maxPriceAge` old, only read when TT is posted) >= `requiredCollateral`; stable allowance for rent
     * plus stable collateral, TT allowance for TT collateral.
     * Emits a {LeaseAccepted} event, an {UpdateUser} event from the unit token and, from the fee router, a {FeeEvent}
     * whose ref is the lease id.
     */
    function acceptLease(
        uint256 leaseId,
        uint32 durationDays,
        uint256 stableCollateral,
        uint256 ttCollateral
    ) external nonReentrant {
        Lease storage lease = _leaseIn(leaseId, LeaseState.Offered);
        if (durationDays == 0 || durationDays > lease.maxDays) {
            revert LeaseManagerInvalidDuration(durationDays, lease.maxDays);
        }
        uint256 ttPrice = _checkCollateral(lease.requiredCollateral, stableCollateral, ttCollateral);

        uint256 rent = lease.ratePerDay * durationDays;
        uint256 fee = (rent * leaseFeeBps) / _BPS;
        uint64 endsAt = uint64(block.timestamp) + uint64(durationDays) * 1 days;
        lease.lessee = msg.sender;
        lease.rentDue = rent - fee;
        lease.stableCollateral = stableCollateral;
        lease.ttCollateral = ttCollateral;
        lease.startsAt = uint64(block.timestamp);
        lease.endsAt = endsAt;
        lease.state = LeaseState.Active;
        emit LeaseAccepted(
            leaseId,
            lease.unitId,
            msg.sender,
            lease.lessor,
            durationDays,
            rent,
            fee,
            stableCollateral,
            ttCollateral,
            ttPrice,
            endsAt
        );

        stableToken.safeTransferFrom(msg.sender, address(this), rent - fee + stableCollateral);
        if (fee != 0) stableToken.safeTransferFrom(msg.sender, address(feeRouter), fee);
        feeRouter.recordFee(IFeeRouter.FeeKind.Lease, msg.sender, address(stableToken), fee, bytes32(leaseId));
        if (ttCollateral != 0) ttToken.safeTransferFrom(msg.sender, address(this), ttCollateral);
        IERC4907(address(unitToken)).setUser(lease.unitId, msg.sender, endsAt);
    }

    /**
     * @notice Ends lease `leaseId` once its term is over: the unit and the rent minus the fee go to the lessor, and
     * the claim window opens. Anyone may call.
     * @dev The unit goes back with `transferFrom`, not `safeTransferFrom`, so that a lessor contract cannot block the
     * end (and with it the lessee's collateral). Requirements: state Active; `block.timestamp` >= `endsAt`.
     * Emits a {LeaseEnded} event and an {UpdateUser} event (user cleared) from the unit token.
     */
    function endLease(uint256 leaseId) external nonReentrant {
        Lease storage lease = _leaseIn(leaseId, LeaseState.Active);
        if (block.timestamp < lease.endsAt) revert LeaseManagerLeaseNotOver(leaseId, lease.endsAt);
        address lessor = lease.lessor;
        uint256 unitId = lease.unitId;
        uint256 rentDue = lease.rentDue;
        uint64 claimDeadline = uint64(block.timestamp) + claimWindow;
        lease.rentDue = 0;
        lease.claimDeadline = claimDeadline;
        lease.state = LeaseState.Ended;
        delete _activeLeases[unitId];
        emit LeaseEnded(leaseId, unitId, lessor, lease.lessee, rentDue, claimDeadline);

        if (rentDue != 0) stableToken.safeTransfer(lessor, rentDue);
        unitToken.transferFrom(address(this), lessor, unitId);
    }

    // ==== COLLATERAL ====

    /**
     * @notice Claims `stableAmount` stable and `ttAmount` TT of lease `leaseId`'s collateral against repair
     * `repairId`.
     * @dev Requirements: state Ended; caller is the lessor; within the claim window; the repair is of this unit,
     * recorded since the lease started and not used by another claim; amounts within what is held, not both zero.
     * Emits a {CollateralClaimed} event.
     */
    function claimCollateral(
        uint256 leaseId,
        uint256 repairId,
        uint256 stableAmount,
        uint256 ttAmount
    ) external nonReentrant {
        Lease storage lease = _leaseIn(leaseId, LeaseState.Ended);
        if (lease.lessor != msg.sender) revert LeaseManagerNotLessor(leaseId, msg.sender);
        if (block.timestamp > lease.claimDeadline) revert LeaseManagerClaimWindowClosed(leaseId, lease.claimDeadline);
        if (stableAmount == 0 && ttAmount == 0) revert LeaseManagerEmptyClaim();
        if (stableAmount > lease.stableCollateral || ttAmount > lease.ttCollateral) {
            revert LeaseManagerClaimExceedsCollateral(leaseId, lease.stableCollateral, lease.ttCollateral);
        }
        IRepairRegistry.RepairRecord memory repair = repairRegistry.getRepair(repairId);
        if (repair.unitId != lease.unitId || repair.time < lease.startsAt) {
            revert LeaseManagerRepairNotForLease(leaseId, repairId, repair.unitId);
        }
        if (_claimedRepairs[repairId]) revert LeaseManagerRepairAlreadyClaimed(repairId);

        _claimedRepairs[repairId] = true;
        // Underflow not possible: both amounts were checked against the collateral held above.
        unchecked {
            lease.stableCollateral -= stableAmount;
            lease.ttCollateral -= ttAmount;
        }
        emit CollateralClaimed(leaseId, repairId, msg.sender, stableAmount, ttAmount);

        if (stableAmount != 0) stableToken.safeTransfer(msg.sender, stableAmount);
        if (ttAmount != 0) ttToken.safeTransfer(msg.sender, ttAmount);
    }

    /**
     * @notice Withdraws what is left of lease `leaseId`'s collateral once the claim window is closed.
     * @dev Requirements: state Ended; caller is the lessee; `block.timestamp` > `claimDeadline`.
     * Emits a {CollateralWithdrawn} event.
     */
    function withdrawCollateral(uint256 leaseId) external nonReentrant {
        Lease storage lease = _leaseIn(leaseId, LeaseState.Ended);
        if (lease.lessee != msg.sender) revert LeaseManagerNotLessee(leaseId, msg.sender);
        if (block.timestamp <= lease.claimDeadline) revert LeaseManagerClaimWindowOpen(leaseId, lease.claimDeadline);
        uint256 stableAmount = lease.stableCollateral;
        uint256 ttAmount = lease.ttCollateral;
        lease.stableCollateral = 0;
        lease.ttCollateral = 0;
        lease.state = LeaseState.Closed;
        emit CollateralWithdrawn(leaseId, msg.sender, stableAmount, ttAmount);

        if (stableAmount != 0) stableToken.safeTransfer(msg.sender, stableAmount);
        if (ttAmount != 0) ttToken.safeTransfer(msg.sender, ttAmount);
    }

    // ==== GETTERS ====

    /// @notice Lease `leaseId` (state None when unknown).
    function getLease(uint256 leaseId) external view returns (Lease memory) {
        return _leases[leaseId];
    }

    /// @notice The offered or active lease of unit `unitId`, zero when none.
    function activeLeaseOf(uint256 unitId) external view returns (uint256) {
        return _activeLeases[unitId];
    }

    /// @notice Number of leases ever offered; ids run from 1 to this.
    function leaseCount() external view returns (uint256) {
        return _leaseCount;
    }

    /// @notice Whether repair `repairId` already backed a collateral claim.
    function isRepairClaimed(uint256 repairId) external view returns (bool) {
        return _claimedRepairs[repairId];
    }

    /**
     * @notice EUR value (18 decimals) of `stableAmount` stable plus `ttAmount` TT at `ttPrice` after the haircut.
     */
    function collateralValue(uint256 stableAmount, uint256 ttAmount, uint256 ttPrice) public view returns (uint256) {
        return stableAmount * _stableScale + (ttAmount * ttPrice * (_BPS - ttHaircutBps)) / (_PRICE_SCALE * _BPS);
    }

    // ==== PRIVATE ====

    /// @dev Reverts unless the collateral covers `required`; returns the TT price used (zero when no TT is posted).
    function _checkCollateral(
        uint256 required,
        uint256 stableAmount,
        uint256 ttAmount
    ) private view returns (uint256 ttPrice) {
        if (ttAmount != 0) {
            uint256 age;
            (ttPrice, age) = priceOracle.latestPrice();
            if (age > maxPriceAge) revert LeaseManagerStalePrice(age, maxPriceAge);
        }
        uint256 value = collateralValue(stableAmount, ttAmount, ttPrice);
        if (value < required) revert LeaseManagerInsufficientCollateral(value, required);
    }

    function _leaseIn(uint256 leaseId, LeaseState expected) private view returns (Lease storage lease) {
        lease = _leases[leaseId];
        if (lease.state != expected) revert LeaseManagerWrongState(leaseId, lease.state, expected);
    }
}
