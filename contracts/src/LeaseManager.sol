// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// solhint-disable-next-line max-line-length
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IFeeRouter} from "./interfaces/IFeeRouter.sol";
import {ILeaseManager} from "./interfaces/ILeaseManager.sol";
import {IPriceOracle} from "./interfaces/IPriceOracle.sol";
import {IRepairRegistry} from "./interfaces/IRepairRegistry.sol";
import {IStaking} from "./interfaces/IStaking.sol";
import {IERC4907} from "./interfaces/IUnitToken.sol";

/**
 * @title LeaseManager
 * @notice Leases of units. A lessor offers a unit (held in escrow) at a rate per day for up to N days with a required
 * collateral in EUR. A lessee accepts for D days, prepaying the rent in the stable token and posting collateral in the
 * stable token and/or TT, valued `stable + TT * price * (1 - haircut)` with the oracle's TT/EUR price without the
 * lessor's and lessee's own posts (a stale price, or one without a quorum, is refused). The lessee is the unit's
 * ERC-4907 user until the end. At the end anyone can settle: the unit goes back to the lessor, who pulls the rent
 * minus the fee whenever it likes (nothing is pushed, so a lessor the stable token refuses cannot hold up the
 * lessee's exit).
 *
 * Damage claims: within the claim window a service provider independent of both parties (not the lessor, not the
 * lessee), who recorded a repair of the unit within this lease's own window (from its start until the unit's next
 * lease or the claim deadline), attests the damage in EUR, with one of its service-provider stake positions answering
 * for it. The lessor may then claim collateral worth at most that damage (TT valued at the price the lease was
 * accepted at); the claim is set aside, and the lessee may dispute it within `disputeWindow`. An arbiter decides a
 * dispute within `arbitrationWindow`: for the lessor (paid) or against (refunded, and a slash of the provider's
 * position proposed for the lessee, which the provider may appeal in {Staking}); undecided disputes are refunded.
 * After the claim window the lessee withdraws what is not set aside.
 * @dev Amounts in EUR terms use 18 decimals; the stable token's own decimals are scaled up. The lease fee is taken
 * from the rent when the lease is accepted, so every lease has its {FeeEvent} at once.
 */
contract LeaseManager is ILeaseManager, AccessControlDefaultAdminRules, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Deployment figures of a lease manager.
    struct Parameters {
        uint16 leaseFeeBps; // Fee on the rent, in basis points, at most MAX_FEE_BPS.
        uint16 ttHaircutBps; // Discount on TT collateral's value, in basis points.
        uint64 claimWindow; // How long after the end damage may be attested and claimed, in seconds.
        uint64 maxPriceAge; // Oldest oracle price accepted, in seconds.
        uint64 disputeWindow; // How long the lessee has to dispute a claim, in seconds.
        uint64 arbitrationWindow; // How long an arbiter has to decide a dispute, in seconds.
        uint256 minProviderStake; // TT a provider's position must hold to attest damage.
    }

    /// @notice Decides disputed damage claims.
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");
    /// @notice May pause new offers and leases in an emergency; exits (ending, claims, withdrawals) never stop.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

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
    /// @notice Where providers' stake positions are read, held and slashed.
    IStaking public immutable staking;
    /// @notice Fee on the rent, in basis points.
    uint16 public immutable leaseFeeBps;
    /// @notice Discount on TT collateral's value, in basis points.
    uint16 public immutable ttHaircutBps;
    /// @notice How long after the end the lessor may claim collateral, in seconds.
    uint64 public immutable claimWindow;
    /// @notice Oldest oracle price accepted, in seconds.
    uint64 public immutable maxPriceAge;
    /// @notice How long the lessee has to dispute a claim, in seconds.
    uint64 public immutable disputeWindow;
    /// @notice How long an arbiter has to decide a dispute, in seconds.
    uint64 public immutable arbitrationWindow;
    /// @notice TT a provider's service-provider position must hold to attest damage.
    uint256 public immutable minProviderStake;

    uint256 private immutable _stableScale;
    uint256 private _leaseCount;
    mapping(uint256 leaseId => Lease) private _leases;
    mapping(uint256 unitId => uint256 leaseId) private _activeLeases;
    mapping(uint256 repairId => bool) private _claimedRepairs;
    mapping(uint256 unitId => uint256 leaseId) private _lastAccepted;
    mapping(uint256 leaseId => DamageClaim) private _claims;

    constructor(
        IERC721 unitToken_,
        IERC20 stableToken_,
        IERC20 ttToken_,
        IPriceOracle priceOracle_,
        IFeeRouter feeRouter_,
        IRepairRegistry repairRegistry_,
        IStaking staking_,
        Parameters memory parameters,
        uint48 adminDelay,
        address admin
    ) AccessControlDefaultAdminRules(adminDelay, admin) {
        if (parameters.leaseFeeBps > MAX_FEE_BPS) revert LeaseManagerInvalidBps(parameters.leaseFeeBps);
        if (parameters.ttHaircutBps > _BPS) revert LeaseManagerInvalidBps(parameters.ttHaircutBps);
        unitToken = unitToken_;
        stableToken = stableToken_;
        ttToken = ttToken_;
        priceOracle = priceOracle_;
        feeRouter = feeRouter_;
        repairRegistry = repairRegistry_;
        staking = staking_;
        leaseFeeBps = parameters.leaseFeeBps;
        ttHaircutBps = parameters.ttHaircutBps;
        claimWindow = parameters.claimWindow;
        maxPriceAge = parameters.maxPriceAge;
        disputeWindow = parameters.disputeWindow;
        arbitrationWindow = parameters.arbitrationWindow;
        minProviderStake = parameters.minProviderStake;
        _stableScale = 10 ** (18 - IERC20Metadata(address(stableToken_)).decimals());
    }

    // ==== OFFERS ====

    /**
     * @notice Offers unit `unitId` for lease at `ratePerDay` stable per day, for up to `maxDays` days, against
     * `requiredCollateral` EUR (18 decimals); the unit moves into escrow.
     * @dev Requirements: not paused; caller owns the unit and approved this contract; `ratePerDay` and `maxDays` > 0.
     * Emits a {LeaseOffered} event.
     * @return leaseId The new lease's id (from 1).
     */
    function createLeaseOffer(
        uint256 unitId,
        uint256 ratePerDay,
        uint32 maxDays,
        uint256 requiredCollateral
    ) external nonReentrant whenNotPaused returns (uint256 leaseId) {
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
     * @dev Requirements: not paused; state Offered; 0 < `durationDays` <= `maxDays`; collateral value (TT valued with
     * an oracle price at most `maxPriceAge` old, only read when TT is posted) >= `requiredCollateral`; stable allowance
     * for rent plus stable collateral, TT allowance for TT collateral.
     * Emits a {LeaseAccepted} event, an {UpdateUser} event from the unit token and, from the fee router, a {FeeEvent}
     * whose ref is the lease id.
     */
    function acceptLease(
        uint256 leaseId,
        uint32 durationDays,
        uint256 stableCollateral,
        uint256 ttCollateral
    ) external nonReentrant whenNotPaused {
        Lease storage lease = _leaseIn(leaseId, LeaseState.Offered);
        if (durationDays == 0 || durationDays > lease.maxDays) {
            revert LeaseManagerInvalidDuration(durationDays, lease.maxDays);
        }
        uint256 ttPrice = _checkCollateral(lease.lessor, lease.requiredCollateral, stableCollateral, ttCollateral);

        uint256 rent = lease.ratePerDay * durationDays;
        uint256 fee = (rent * leaseFeeBps) / _BPS;
        uint64 endsAt = uint64(block.timestamp) + uint64(durationDays) * 1 days;
        _startRepairWindow(lease.unitId, leaseId);
        lease.lessee = msg.sender;
        lease.ttPrice = ttPrice;
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
     * @notice Ends lease `leaseId` once its term is over: the unit goes back to the lessor, the rent minus the fee
     * waits for it to pull ({withdrawRent}), and the claim window opens. Anyone may call.
     * @dev The unit goes back with `transferFrom`, not `safeTransferFrom`, and no token is sent to anyone, so that no
     * lessor (or token refusing it) can block the end and with it the lessee's collateral. Requirements: state
     * Active; `block.timestamp` >= `endsAt`. Emits a {LeaseEnded} event and an {UpdateUser} event (user cleared).
     */
    function endLease(uint256 leaseId) external nonReentrant {
        Lease storage lease = _leaseIn(leaseId, LeaseState.Active);
        if (block.timestamp < lease.endsAt) revert LeaseManagerLeaseNotOver(leaseId, lease.endsAt);
        address lessor = lease.lessor;
        uint256 unitId = lease.unitId;
        uint64 claimDeadline = uint64(block.timestamp) + claimWindow;
        lease.claimDeadline = claimDeadline;
        lease.state = LeaseState.Ended;
        delete _activeLeases[unitId];
        emit LeaseEnded(leaseId, unitId, lessor, lease.lessee, lease.rentDue, claimDeadline);

        unitToken.transferFrom(address(this), lessor, unitId);
    }

    /**
     * @notice Pays the lessor the rent (minus the fee) of lease `leaseId`.
     * @dev Requirements: state Ended or Closed; caller is the lessor; rent not yet withdrawn.
     * Emits a {RentWithdrawn} event.
     */
    function withdrawRent(uint256 leaseId) external nonReentrant {
        Lease storage lease = _leases[leaseId];
        if (lease.state != LeaseState.Closed) _leaseIn(leaseId, LeaseState.Ended);
        if (lease.lessor != msg.sender) revert LeaseManagerNotLessor(leaseId, msg.sender);
        uint256 amount = lease.rentDue;
        if (amount == 0) revert LeaseManagerNothingToWithdraw(leaseId);
        lease.rentDue = 0;
        emit RentWithdrawn(leaseId, msg.sender, amount);

        stableToken.safeTransfer(msg.sender, amount);
    }

    // ==== DAMAGE CLAIMS ====

    /**
     * @notice Attests `damage` EUR (18 decimals) of damage to lease `leaseId`'s unit, resting on the caller's repair
     * `repairId`, with the caller's service-provider stake position `positionId` answering for it.
     * @dev Requirements: state Ended; within the claim window; no attestation yet for the lease; `damage` > 0; the
     * caller recorded the repair and is neither lessor nor lessee; the position is the caller's, in the
     * service-provider role, with at least `minProviderStake` active; the repair is of this unit, recorded since the
     * lease started and before the unit's next lease started, and backs no other attestation. The position is held
     * in {Staking} until the claim could no longer be disputed. Emits a {DamageAttested} event.
     */
    function attestDamage(uint256 leaseId, uint256 repairId, uint256 positionId, uint256 damage) external nonReentrant {
        Lease storage lease = _leaseIn(leaseId, LeaseState.Ended);
        uint64 claimDeadline = lease.claimDeadline;
        if (block.timestamp > claimDeadline) revert LeaseManagerClaimWindowClosed(leaseId, claimDeadline);
        DamageClaim storage claim = _claimIn(leaseId, ClaimState.None);
        if (damage == 0) revert LeaseManagerEmptyClaim();
        IRepairRegistry.RepairRecord memory repair = repairRegistry.getRepair(repairId);
        IStaking.StakePosition memory position = staking.getPosition(positionId);
        if (
            repair.provider != msg.sender ||
            msg.sender == lease.lessor ||
            msg.sender == lease.lessee ||
            position.owner != msg.sender ||
            position.role != IStaking.StakeRole.ServiceProvider ||
            position.amount < minProviderStake
        ) revert LeaseManagerProviderNotIndependent(leaseId, msg.sender, repairId, positionId);
        uint64 nextStartsAt = lease.nextStartsAt;
        if (
            repair.unitId != lease.unitId ||
            repair.time < lease.startsAt ||
            (nextStartsAt != 0 && repair.time >= nextStartsAt)
        ) revert LeaseManagerRepairNotForLease(leaseId, repairId, repair.unitId, repair.time);
        if (_claimedRepairs[repairId]) revert LeaseManagerRepairAlreadyClaimed(repairId);

        _claimedRepairs[repairId] = true;
        claim.provider = msg.sender;
        claim.positionId = positionId;
        claim.repairId = repairId;
        claim.damage = damage;
        claim.state = ClaimState.Attested;
        emit DamageAttested(leaseId, repairId, msg.sender, positionId, damage);

        staking.holdPosition(positionId, claimDeadline + disputeWindow);
    }

    /**
     * @notice Claims `stableAmount` stable and `ttAmount` TT of lease `leaseId`'s collateral against the attested
     * damage; the amounts are set aside, and paid after the dispute window unless the lessee disputes.
     * @dev Requirements: state Ended; caller is the lessor; within the claim window; damage attested and not yet
     * claimed; amounts within what is held, not both zero; their value (TT at the lease's accepted price, no
     * haircut) at most the attested damage. Emits a {CollateralClaimed} event.
     */
    function claimCollateral(uint256 leaseId, uint256 stableAmount, uint256 ttAmount) external nonReentrant {
        Lease storage lease = _leaseIn(leaseId, LeaseState.Ended);
        if (lease.lessor != msg.sender) revert LeaseManagerNotLessor(leaseId, msg.sender);
        if (block.timestamp > lease.claimDeadline) revert LeaseManagerClaimWindowClosed(leaseId, lease.claimDeadline);
        DamageClaim storage claim = _claimIn(leaseId, ClaimState.Attested);
        if (stableAmount == 0 && ttAmount == 0) revert LeaseManagerEmptyClaim();
        if (stableAmount > lease.stableCollateral || ttAmount > lease.ttCollateral) {
            revert LeaseManagerClaimExceedsCollateral(leaseId, lease.stableCollateral, lease.ttCollateral);
        }
        uint256 value = claimValue(stableAmount, ttAmount, lease.ttPrice);
        if (value > claim.damage) revert LeaseManagerClaimExceedsDamage(leaseId, value, claim.damage);

        // Underflow not possible: both amounts were checked against the collateral held above.
        unchecked {
            lease.stableCollateral -= stableAmount;
            lease.ttCollateral -= ttAmount;
        }
        uint64 disputeDeadline = uint64(block.timestamp) + disputeWindow;
        claim.stableAmount = stableAmount;
        claim.ttAmount = ttAmount;
        claim.disputeDeadline = disputeDeadline;
        claim.state = ClaimState.Claimed;
        emit CollateralClaimed(leaseId, claim.repairId, msg.sender, stableAmount, ttAmount, disputeDeadline);
    }

    /**
     * @notice Disputes the claim on lease `leaseId`; an arbiter decides within `arbitrationWindow`, and the
     * provider's position is held until then.
     * @dev Requirements: caller is the lessee; claim state Claimed; within the dispute window.
     * Emits a {ClaimDisputed} event.
     */
    function disputeClaim(uint256 leaseId) external nonReentrant {
        Lease storage lease = _leases[leaseId];
        if (lease.lessee != msg.sender) revert LeaseManagerNotLessee(leaseId, msg.sender);
        DamageClaim storage claim = _claimIn(leaseId, ClaimState.Claimed);
        if (block.timestamp > claim.disputeDeadline) {
            revert LeaseManagerDisputeWindowClosed(leaseId, claim.disputeDeadline);
        }
        uint64 arbitrationDeadline = uint64(block.timestamp) + arbitrationWindow;
        claim.arbitrationDeadline = arbitrationDeadline;
        claim.state = ClaimState.Disputed;
        emit ClaimDisputed(leaseId, msg.sender, arbitrationDeadline);

        staking.holdPosition(claim.positionId, arbitrationDeadline);
    }

    /**
     * @notice Decides the disputed claim on lease `leaseId`. When `providerAtFault`, the claim is refunded to the
     * lessee's collateral and a slash of `slashAmount` TT of the provider's position is proposed for the lessee
     * (none when zero); otherwise the claim is paid to the lessor.
     * @dev Requirements: ARBITER_ROLE; claim state Disputed; before the arbitration deadline.
     * Emits a {ClaimSettled} event (and a {SlashProposed} event from the staking contract).
     */
    function resolveDispute(
        uint256 leaseId,
        bool providerAtFault,
        uint256 slashAmount
    ) external nonReentrant onlyRole(ARBITER_ROLE) {
        DamageClaim storage claim = _claimIn(leaseId, ClaimState.Disputed);
        if (block.timestamp > claim.arbitrationDeadline) {
            revert LeaseManagerArbitrationClosed(leaseId, claim.arbitrationDeadline);
        }
        if (!providerAtFault) {
            _payClaim(leaseId, claim);
            return;
        }
        uint256 slashId;
        if (slashAmount != 0) {
            slashId = staking.proposeSlash(claim.positionId, slashAmount, _leases[leaseId].lessee, bytes32(leaseId));
        }
        _refundClaim(leaseId, claim, slashId);
    }

    /**
     * @notice Settles the claim on lease `leaseId` once nobody can act on it any more: an undisputed claim after the
     * dispute window is paid to the lessor (who calls), a dispute undecided after the arbitration window is refunded
     * to the lessee's collateral (anyone may call).
     * @dev Requirements: claim state Claimed after `disputeDeadline` (caller is the lessor), or Disputed after
     * `arbitrationDeadline`. Emits a {ClaimSettled} event.
     */
    function settleClaim(uint256 leaseId) external nonReentrant {
        DamageClaim storage claim = _claims[leaseId];
        if (claim.state == ClaimState.Disputed) {
            if (block.timestamp <= claim.arbitrationDeadline) {
                revert LeaseManagerArbitrationOpen(leaseId, claim.arbitrationDeadline);
            }
            _refundClaim(leaseId, claim, 0);
            return;
        }
        _claimIn(leaseId, ClaimState.Claimed);
        if (_leases[leaseId].lessor != msg.sender) revert LeaseManagerNotLessor(leaseId, msg.sender);
        if (block.timestamp <= claim.disputeDeadline) {
            revert LeaseManagerDisputeWindowOpen(leaseId, claim.disputeDeadline);
        }
        _payClaim(leaseId, claim);
    }

    // ==== COLLATERAL ====

    /**
     * @notice Withdraws lease `leaseId`'s collateral not set aside for a claim, once the claim window is closed.
     * The lease closes when no claim is pending; a claim refunded later can be withdrawn the same way.
     * @dev Requirements: state Ended; caller is the lessee; `block.timestamp` > `claimDeadline`; something to
     * withdraw unless the lease closes. Emits a {CollateralWithdrawn} event.
     */
    function withdrawCollateral(uint256 leaseId) external nonReentrant {
        Lease storage lease = _leaseIn(leaseId, LeaseState.Ended);
        if (lease.lessee != msg.sender) revert LeaseManagerNotLessee(leaseId, msg.sender);
        if (block.timestamp <= lease.claimDeadline) revert LeaseManagerClaimWindowOpen(leaseId, lease.claimDeadline);
        uint256 stableAmount = lease.stableCollateral;
        uint256 ttAmount = lease.ttCollateral;
        bool pending = _isClaimPending(leaseId);
        if (pending && stableAmount == 0 && ttAmount == 0) revert LeaseManagerNothingToWithdraw(leaseId);
        lease.stableCollateral = 0;
        lease.ttCollateral = 0;
        if (!pending) lease.state = LeaseState.Closed;
        emit CollateralWithdrawn(leaseId, msg.sender, stableAmount, ttAmount);

        if (stableAmount != 0) stableToken.safeTransfer(msg.sender, stableAmount);
        if (ttAmount != 0) ttToken.safeTransfer(msg.sender, ttAmount);
    }

    // ==== EMERGENCY ====

    /**
     * @notice Stops new offers and leases. Running leases end, claims settle and collateral and rent leave as usual.
     * @dev Requirements: PAUSER_ROLE. Emits a {Paused} event.
     */
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @notice Lets new offers and leases in again. Requirements: PAUSER_ROLE. Emits an {Unpaused} event.
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
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

    /// @notice The damage attested for lease `leaseId` and the claim against it (state None when none).
    function getClaim(uint256 leaseId) external view returns (DamageClaim memory) {
        return _claims[leaseId];
    }

    /// @notice Whether repair `repairId` already backed a damage attestation.
    function isRepairClaimed(uint256 repairId) external view returns (bool) {
        return _claimedRepairs[repairId];
    }

    /**
     * @notice EUR value (18 decimals) of `stableAmount` stable plus `ttAmount` TT at `ttPrice` after the haircut.
     */
    function collateralValue(uint256 stableAmount, uint256 ttAmount, uint256 ttPrice) public view returns (uint256) {
        return stableAmount * _stableScale + (ttAmount * ttPrice * (_BPS - ttHaircutBps)) / (_PRICE_SCALE * _BPS);
    }

    /// @notice EUR value (18 decimals) of a claim of `stableAmount` stable and `ttAmount` TT at `ttPrice`, no haircut.
    function claimValue(uint256 stableAmount, uint256 ttAmount, uint256 ttPrice) public view returns (uint256) {
        return stableAmount * _stableScale + (ttAmount * ttPrice) / _PRICE_SCALE;
    }

    // ==== PRIVATE ====

    /// @dev Pays a claim's set-aside collateral to the lessor, who is the caller or was chosen by an arbiter.
    function _payClaim(uint256 leaseId, DamageClaim storage claim) private {
        Lease storage lease = _leases[leaseId];
        uint256 stableAmount = claim.stableAmount;
        uint256 ttAmount = claim.ttAmount;
        claim.state = ClaimState.Paid;
        _closeIfSettled(lease);
        emit ClaimSettled(leaseId, true, stableAmount, ttAmount, 0);

        // The lessor's own payout: a token refusing the lessor holds up only the lessor.
        if (stableAmount != 0) stableToken.safeTransfer(lease.lessor, stableAmount);
        if (ttAmount != 0) ttToken.safeTransfer(lease.lessor, ttAmount);
    }

    /// @dev Returns a claim's set-aside collateral to the lessee's collateral, withdrawn with {withdrawCollateral}.
    function _refundClaim(uint256 leaseId, DamageClaim storage claim, uint256 slashId) private {
        Lease storage lease = _leases[leaseId];
        uint256 stableAmount = claim.stableAmount;
        uint256 ttAmount = claim.ttAmount;
        claim.state = ClaimState.Refunded;
        lease.stableCollateral += stableAmount;
        lease.ttCollateral += ttAmount;
        emit ClaimSettled(leaseId, false, stableAmount, ttAmount, slashId);
    }

    /// @dev Repairs of unit `unitId` from now on belong to lease `leaseId`, no longer to the unit's previous lease.
    function _startRepairWindow(uint256 unitId, uint256 leaseId) private {
        uint256 previous = _lastAccepted[unitId];
        if (previous != 0) _leases[previous].nextStartsAt = uint64(block.timestamp);
        _lastAccepted[unitId] = leaseId;
    }

    /// @dev Closes an ended lease whose claim window is over and whose collateral is all gone.
    function _closeIfSettled(Lease storage lease) private {
        if (
            lease.state == LeaseState.Ended &&
            block.timestamp > lease.claimDeadline &&
            lease.stableCollateral == 0 &&
            lease.ttCollateral == 0
        ) lease.state = LeaseState.Closed;
    }

    function _isClaimPending(uint256 leaseId) private view returns (bool) {
        ClaimState state = _claims[leaseId].state;
        return state == ClaimState.Claimed || state == ClaimState.Disputed;
    }

    function _claimIn(uint256 leaseId, ClaimState expected) private view returns (DamageClaim storage claim) {
        claim = _claims[leaseId];
        if (claim.state != expected) revert LeaseManagerWrongClaimState(leaseId, claim.state, expected);
    }

    /**
     * @dev Reverts unless the collateral covers `required`; returns the TT price used (zero when no TT is posted),
     * read without the posts of the lessor and the lessee (the caller), so neither moves its own lease's price.
     */
    function _checkCollateral(
        address lessor,
        uint256 required,
        uint256 stableAmount,
        uint256 ttAmount
    ) private view returns (uint256 ttPrice) {
        if (ttAmount != 0) {
            uint256 age;
            (ttPrice, age) = priceOracle.latestPriceExcluding(msg.sender, lessor);
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
