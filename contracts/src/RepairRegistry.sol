// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IFeeRouter} from "./interfaces/IFeeRouter.sol";
import {IRepairRegistry} from "./interfaces/IRepairRegistry.sol";
import {IStaking} from "./interfaces/IStaking.sol";

/**
 * @title RepairRegistry
 * @notice Repair records of units, written by service providers with at least a minimum stake, each paying the repair
 * fee in TT. A record's id backs damage claims on lease collateral.
 */
contract RepairRegistry is IRepairRegistry, AccessControl {
    using SafeERC20 for IERC20;

    /// @notice Highest repair fee the admin may set: 100 TT.
    uint256 public constant MAX_REPAIR_FEE = 100e18;

    /// @notice The TT token fees are paid in.
    IERC20 public immutable ttToken;
    /// @notice Where fees go.
    IFeeRouter public immutable feeRouter;
    /// @notice Where service-provider stakes are checked.
    IStaking public immutable staking;
    /// @notice The unit token; a repair must name an existing unit.
    IERC721 public immutable unitToken;
    /// @notice TT a service provider needs staked in that role to record repairs.
    uint256 public immutable minProviderStake;

    uint256 private _repairFee;
    uint256 private _repairCount;
    mapping(uint256 repairId => RepairRecord) private _repairs;

    constructor(
        IERC20 ttToken_,
        IFeeRouter feeRouter_,
        IStaking staking_,
        IERC721 unitToken_,
        uint256 minProviderStake_,
        uint256 repairFee_,
        address admin
    ) {
        ttToken = ttToken_;
        feeRouter = feeRouter_;
        staking = staking_;
        unitToken = unitToken_;
        minProviderStake = minProviderStake_;
        if (repairFee_ > MAX_REPAIR_FEE) revert RepairRegistryFeeTooHigh(repairFee_, MAX_REPAIR_FEE);
        _repairFee = repairFee_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /**
     * @notice Records a repair of unit `unitId` with the hash of its EU repair form and the decision.
     * @dev Requirements: caller has `minProviderStake` staked as service provider; the unit exists; non-zero
     * `formHash`; `repairFee` TT allowance for this contract.
     * Emits a {RepairRecorded} event and, from the fee router, a {FeeEvent} whose ref is the repair id.
     * @return repairId The new record's id (from 1).
     */
    function recordRepair(
        uint256 unitId,
        bytes32 formHash,
        RepairDecision decision
    ) external returns (uint256 repairId) {
        if (!staking.hasRoleStake(msg.sender, IStaking.StakeRole.ServiceProvider, minProviderStake)) {
            revert RepairRegistryInsufficientStake(msg.sender, minProviderStake);
        }
        if (formHash == bytes32(0)) revert RepairRegistryEmptyFormHash();
        // solhint-disable-next-line no-empty-blocks
        try unitToken.ownerOf(unitId) returns (address) {} catch {
            revert RepairRegistryUnknownUnit(unitId);
        }

        repairId = ++_repairCount;
        uint256 fee = _repairFee;
        _repairs[repairId] = RepairRecord({
            unitId: unitId,
            formHash: formHash,
            provider: msg.sender,
            time: uint64(block.timestamp),
            decision: decision
        });
        emit RepairRecorded(repairId, unitId, msg.sender, formHash, decision, fee);

        if (fee != 0) ttToken.safeTransferFrom(msg.sender, address(feeRouter), fee);
        feeRouter.recordFee(IFeeRouter.FeeKind.Repair, msg.sender, address(ttToken), fee, bytes32(repairId));
    }

    /**
     * @notice Sets the repair fee in TT, at most MAX_REPAIR_FEE. Requirements: DEFAULT_ADMIN_ROLE.
     * Emits a {RepairFeeUpdated} event.
     */
    function setRepairFee(uint256 fee) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (fee > MAX_REPAIR_FEE) revert RepairRegistryFeeTooHigh(fee, MAX_REPAIR_FEE);
        emit RepairFeeUpdated(_repairFee, fee);
        _repairFee = fee;
    }

    /// @inheritdoc IRepairRegistry
    function getRepair(uint256 repairId) external view returns (RepairRecord memory) {
        RepairRecord memory record = _repairs[repairId];
        if (record.time == 0) revert RepairRegistryUnknownRepair(repairId);
        return record;
    }

    /// @notice Number of repairs recorded; ids run from 1 to this.
    function repairCount() external view returns (uint256) {
        return _repairCount;
    }

    /// @notice The TT fee per repair record.
    function repairFee() external view returns (uint256) {
        return _repairFee;
    }
}
