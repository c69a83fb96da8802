// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IRepairRegistry
 * @notice Events, errors and views of the repair registry.
 */
interface IRepairRegistry {
    /// @notice The outcome declared on the EU repair form.
    enum RepairDecision {
        Repaired,
        PartsReplaced,
        Refurbished,
        Unrepairable
    }

    /// @notice One repair record.
    struct RepairRecord {
        uint256 unitId; // The repaired unit.
        bytes32 formHash; // Hash of the EU repair information form.
        address provider; // The service provider who recorded it.
        uint64 time; // When it was recorded; zero for no record.
        RepairDecision decision; // The repair decision.
    }

    /// @notice Emitted when `provider` records repair `repairId` of unit `unitId`.
    event RepairRecorded(
        uint256 indexed repairId,
        uint256 indexed unitId,
        address indexed provider,
        bytes32 formHash,
        RepairDecision decision,
        uint256 fee
    );
    /// @notice Emitted when the repair fee changes.
    event RepairFeeUpdated(uint256 previousFee, uint256 newFee);

    /// @notice `provider` has less than `minimumStake` TT staked as a service provider.
    error RepairRegistryInsufficientStake(address provider, uint256 minimumStake);
    /// @notice No unit has id `unitId`.
    error RepairRegistryUnknownUnit(uint256 unitId);
    /// @notice A repair fee of `fee` TT is above the cap `maxFee`.
    error RepairRegistryFeeTooHigh(uint256 fee, uint256 maxFee);
    /// @notice A zero form hash.
    error RepairRegistryEmptyFormHash();
    /// @notice No repair has id `repairId`.
    error RepairRegistryUnknownRepair(uint256 repairId);

    /**
     * @notice The repair record `repairId`; reverts for an unknown id.
     */
    function getRepair(uint256 repairId) external view returns (RepairRecord memory);
}
