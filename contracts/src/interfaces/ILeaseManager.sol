// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title ILeaseManager
 * @notice Events and errors of the lease manager.
 */
interface ILeaseManager {
    /// @notice Where a lease is in its life.
    enum LeaseState {
        None,
        Offered, // Unit in escrow, waiting for a lessee.
        Active, // Lessee is the ERC-4907 user until `endsAt`.
        Ended, // Unit back with the lessor; claim window open until `claimDeadline`.
        Closed, // Collateral fully settled: nothing held for the lessee, no claim pending.
        Cancelled // Offer withdrawn before acceptance.
    }

    /// @notice Where a lease's damage claim is.
    enum ClaimState {
        None,
        Attested, // A service provider attested damage; the lessor may claim up to it.
        Claimed, // Collateral set aside for the lessor; the lessee may dispute until `disputeDeadline`.
        Disputed, // The lessee disputed; an arbiter decides until `arbitrationDeadline`.
        Paid, // Collateral paid to the lessor.
        Refunded // The claim failed: collateral returned to the lessee.
    }

    /// @notice The damage attested for a lease and the claim against it.
    struct DamageClaim {
        address provider; // The service provider who attested the damage.
        uint256 positionId; // The provider's stake position answering for the attestation.
        uint256 repairId; // The repair record the attestation rests on.
        uint256 damage; // Attested damage in EUR (18 decimals): the most the lessor may claim.
        uint256 stableAmount; // Stable collateral set aside for the claim.
        uint256 ttAmount; // TT collateral set aside for the claim.
        uint64 disputeDeadline; // Last moment the lessee may dispute.
        uint64 arbitrationDeadline; // Last moment an arbiter may decide a dispute.
        ClaimState state; // Where the claim is.
    }

    /// @notice One lease, from offer to settlement.
    // solhint-disable-next-line gas-struct-packing
    struct Lease {
        address lessor; // Unit owner, paid the rent.
        address lessee; // Zero until accepted.
        uint256 unitId; // The unit in escrow.
        uint256 ratePerDay; // Rent per day in the stable token.
        uint256 requiredCollateral; // EUR value (18 decimals) the collateral must cover.
        uint256 rentDue; // Rent minus fee owed to the lessor, pulled by the lessor once the lease has ended.
        uint256 stableCollateral; // Stable collateral still held.
        uint256 ttCollateral; // TT collateral still held for the lessee (claims set aside are apart).
        uint256 ttPrice; // TT/EUR price when accepted (zero when no TT was posted); values TT in claims.
        uint64 startsAt; // When the lease was accepted.
        uint64 endsAt; // When the lessee stops being the user.
        uint64 claimDeadline; // Last moment damage may be attested and claimed.
        uint64 nextStartsAt; // When the unit's next lease started (zero until then): repairs after it are not ours.
        uint32 maxDays; // Longest lease the lessor accepts.
        LeaseState state; // Where the lease is.
    }

    /// @notice Emitted when `lessor` offers unit `unitId`; the unit moves into escrow.
    event LeaseOffered(
        uint256 indexed leaseId,
        uint256 indexed unitId,
        address indexed lessor,
        uint256 ratePerDay,
        uint32 maxDays,
        uint256 requiredCollateral
    );
    /// @notice Emitted when the lessor withdraws an unaccepted offer; the unit goes back.
    event LeaseOfferCancelled(uint256 indexed leaseId, uint256 indexed unitId, address indexed lessor);
    /// @notice Emitted when `lessee` accepts lease `leaseId` for `durationDays` days.
    event LeaseAccepted(
        uint256 indexed leaseId,
        uint256 indexed unitId,
        address indexed lessee,
        address lessor,
        uint32 durationDays,
        uint256 rent,
        uint256 fee,
        uint256 stableCollateral,
        uint256 ttCollateral,
        uint256 ttPrice,
        uint64 endsAt
    );
    /// @notice Emitted when lease `leaseId` ends: the unit goes back to the lessor, `rentDue` waits for it.
    event LeaseEnded(
        uint256 indexed leaseId,
        uint256 indexed unitId,
        address indexed lessor,
        address lessee,
        uint256 rentDue,
        uint64 claimDeadline
    );
    /// @notice Emitted when the lessor pulls the rent of lease `leaseId`.
    event RentWithdrawn(uint256 indexed leaseId, address indexed lessor, uint256 amount);
    /// @notice Emitted when service provider `provider` attests `damage` EUR against lease `leaseId`.
    event DamageAttested(
        uint256 indexed leaseId,
        uint256 indexed repairId,
        address indexed provider,
        uint256 positionId,
        uint256 damage
    );
    /// @notice Emitted when the lessor claims collateral against the attested damage; it is set aside until
    /// `disputeDeadline`.
    event CollateralClaimed(
        uint256 indexed leaseId,
        uint256 indexed repairId,
        address indexed lessor,
        uint256 stableAmount,
        uint256 ttAmount,
        uint64 disputeDeadline
    );
    /// @notice Emitted when the lessee disputes the claim of lease `leaseId`.
    event ClaimDisputed(uint256 indexed leaseId, address indexed lessee, uint64 arbitrationDeadline);
    /// @notice Emitted when a claim settles: `paid` to the lessor, or refunded to the lessee's collateral. When an
    /// arbiter found the provider at fault, `slashId` is the slash proposed against its stake (zero otherwise).
    event ClaimSettled(
        uint256 indexed leaseId,
        bool indexed paid,
        uint256 stableAmount,
        uint256 ttAmount,
        uint256 slashId
    );
    /// @notice Emitted when the lessee withdraws what is left of the collateral.
    event CollateralWithdrawn(uint256 indexed leaseId, address indexed lessee, uint256 stableAmount, uint256 ttAmount);

    /// @notice `caller` does not own unit `unitId`.
    error LeaseManagerNotUnitOwner(uint256 unitId, address caller);
    /// @notice A zero rate or maximum duration.
    error LeaseManagerInvalidTerms(uint256 ratePerDay, uint32 maxDays);
    /// @notice Lease `leaseId` is `state`, not `expected`.
    error LeaseManagerWrongState(uint256 leaseId, LeaseState state, LeaseState expected);
    /// @notice `caller` is not the lessor of lease `leaseId`.
    error LeaseManagerNotLessor(uint256 leaseId, address caller);
    /// @notice `caller` is not the lessee of lease `leaseId`.
    error LeaseManagerNotLessee(uint256 leaseId, address caller);
    /// @notice `durationDays` is zero or above `maxDays`.
    error LeaseManagerInvalidDuration(uint32 durationDays, uint32 maxDays);
    /// @notice The TT/EUR price is `age` seconds old, above `maxAge`.
    error LeaseManagerStalePrice(uint256 age, uint256 maxAge);
    /// @notice The collateral is worth `value` EUR (after haircut), below `required`.
    error LeaseManagerInsufficientCollateral(uint256 value, uint256 required);
    /// @notice The lease runs until `endsAt`.
    error LeaseManagerLeaseNotOver(uint256 leaseId, uint64 endsAt);
    /// @notice The claim window closed at `claimDeadline`.
    error LeaseManagerClaimWindowClosed(uint256 leaseId, uint64 claimDeadline);
    /// @notice The claim window stays open until `claimDeadline`.
    error LeaseManagerClaimWindowOpen(uint256 leaseId, uint64 claimDeadline);
    /// @notice Repair `repairId` of unit `repairUnitId` at `repairTime` is not of this lease's unit and window.
    error LeaseManagerRepairNotForLease(uint256 leaseId, uint256 repairId, uint256 repairUnitId, uint64 repairTime);
    /// @notice `provider` did not record repair `repairId`, is a party to the lease, or its position `positionId`
    /// does not back it as a service provider with the minimum stake.
    error LeaseManagerProviderNotIndependent(uint256 leaseId, address provider, uint256 repairId, uint256 positionId);
    /// @notice Lease `leaseId`'s claim is `state`, not `expected`.
    error LeaseManagerWrongClaimState(uint256 leaseId, ClaimState state, ClaimState expected);
    /// @notice The claim is worth `value` EUR, above the `damage` attested.
    error LeaseManagerClaimExceedsDamage(uint256 leaseId, uint256 value, uint256 damage);
    /// @notice The dispute window closed at `disputeDeadline`.
    error LeaseManagerDisputeWindowClosed(uint256 leaseId, uint64 disputeDeadline);
    /// @notice The dispute window stays open until `disputeDeadline`.
    error LeaseManagerDisputeWindowOpen(uint256 leaseId, uint64 disputeDeadline);
    /// @notice The arbitration closed at `arbitrationDeadline`: the claim is refunded.
    error LeaseManagerArbitrationClosed(uint256 leaseId, uint64 arbitrationDeadline);
    /// @notice The arbiter may still decide until `arbitrationDeadline`.
    error LeaseManagerArbitrationOpen(uint256 leaseId, uint64 arbitrationDeadline);
    /// @notice Nothing to withdraw.
    error LeaseManagerNothingToWithdraw(uint256 leaseId);
    /// @notice Repair `repairId` already backed a claim.
    error LeaseManagerRepairAlreadyClaimed(uint256 repairId);
    /// @notice The claim exceeds the collateral held: `stableHeld` stable and `ttHeld` TT.
    error LeaseManagerClaimExceedsCollateral(uint256 leaseId, uint256 stableHeld, uint256 ttHeld);
    /// @notice A claim of nothing.
    error LeaseManagerEmptyClaim();
    /// @notice Basis points above the allowed maximum.
    error LeaseManagerInvalidBps(uint256 bps);
}
