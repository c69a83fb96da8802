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
        Closed, // Collateral fully settled.
        Cancelled // Offer withdrawn before acceptance.
    }

    /// @notice One lease, from offer to settlement.
    struct Lease {
        address lessor; // Unit owner, paid the rent.
        address lessee; // Zero until accepted.
        uint256 unitId; // The unit in escrow.
        uint256 ratePerDay; // Rent per day in the stable token.
        uint256 requiredCollateral; // EUR value (18 decimals) the collateral must cover.
        uint256 rentDue; // Rent minus fee owed to the lessor at the end.
        uint256 stableCollateral; // Stable collateral still held.
        uint256 ttCollateral; // TT collateral still held.
        uint64 startsAt; // When the lease was accepted.
        uint64 endsAt; // When the lessee stops being the user.
        uint64 claimDeadline; // Last moment the lessor may claim collateral.
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
    /// @notice Emitted when lease `leaseId` ends: unit and `rentPaid` go to the lessor.
    event LeaseEnded(
        uint256 indexed leaseId,
        uint256 indexed unitId,
        address indexed lessor,
        address lessee,
        uint256 rentPaid,
        uint64 claimDeadline
    );
    /// @notice Emitted when the lessor claims collateral against repair `repairId`.
    event CollateralClaimed(
        uint256 indexed leaseId,
        uint256 indexed repairId,
        address indexed lessor,
        uint256 stableAmount,
        uint256 ttAmount
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
    /// @notice Repair `repairId` is for unit `repairUnitId` or predates the lease, so it cannot back a claim.
    error LeaseManagerRepairNotForLease(uint256 leaseId, uint256 repairId, uint256 repairUnitId);
    /// @notice Repair `repairId` already backed a claim.
    error LeaseManagerRepairAlreadyClaimed(uint256 repairId);
    /// @notice The claim exceeds the collateral held: `stableHeld` stable and `ttHeld` TT.
    error LeaseManagerClaimExceedsCollateral(uint256 leaseId, uint256 stableHeld, uint256 ttHeld);
    /// @notice A claim of nothing.
    error LeaseManagerEmptyClaim();
    /// @notice Basis points above the allowed maximum.
    error LeaseManagerInvalidBps(uint256 bps);
}
