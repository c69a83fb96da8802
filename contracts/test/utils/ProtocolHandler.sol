// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IFeeRouter} from "../../src/interfaces/IFeeRouter.sol";
import {IStaking} from "../../src/interfaces/IStaking.sol";
import {ILeaseManager} from "../../src/interfaces/ILeaseManager.sol";
import {IMarketplace} from "../../src/interfaces/IMarketplace.sol";
import {IPassportRegistry} from "../../src/interfaces/IPassportRegistry.sol";
import {IRepairRegistry} from "../../src/interfaces/IRepairRegistry.sol";
import {ProtocolDeployer} from "./ProtocolDeployer.sol";
import {TTToken} from "../../src/TTToken.sol";
import {DevStableToken} from "../../src/DevStableToken.sol";
import {Staking} from "../../src/Staking.sol";
import {FeeRouter} from "../../src/FeeRouter.sol";
import {PriceOracle} from "../../src/PriceOracle.sol";
import {PassportRegistry} from "../../src/PassportRegistry.sol";
import {UnitToken} from "../../src/UnitToken.sol";
import {RepairRegistry} from "../../src/RepairRegistry.sol";
import {Marketplace} from "../../src/Marketplace.sol";
import {LeaseManager} from "../../src/LeaseManager.sol";

import {TestBase, Vm} from "./Cheats.sol";

/**
 * @notice Drives the protocol with fuzzed, bounded actions for the invariant tests, and keeps ghost counters of the
 * rules that can only be checked at the moment of an action (lock-ups, FeeEvents, collateral adequacy).
 */
contract ProtocolHandler is TestBase {
    // Cached, because a getter call between `vm.prank` and the action would consume the prank.
    TTToken internal immutable tt;
    DevStableToken internal immutable stable;
    Staking internal immutable staking;
    FeeRouter internal immutable router;
    PriceOracle internal immutable oracle;
    PassportRegistry internal immutable passports;
    UnitToken internal immutable units;
    RepairRegistry internal immutable repairs;
    Marketplace internal immutable market;
    LeaseManager internal immutable leases;
    address[3] public actors = [address(0xA11CE), address(0xB0B), address(0xCA11)];
    uint256[] public unitIds;
    mapping(uint256 unitId => bytes32 publicIdHash) private _publicIdHashes;

    uint256 public earlyWithdrawals;
    uint256 public blockedExits;
    uint256 public claimsOverDamage;
    uint256 public feeEventMismatches;
    uint256 public inadequateLeases;
    uint256 public feeEventsChecked;
    uint256 public leasesAccepted;

    constructor(ProtocolDeployer deployer) {
        tt = deployer.tt();
        stable = deployer.stable();
        staking = deployer.staking();
        router = deployer.router();
        oracle = deployer.oracle();
        passports = deployer.passports();
        units = deployer.units();
        repairs = deployer.repairs();
        market = deployer.market();
        leases = deployer.leases();
    }

    /// @notice Funds actors and takes the manufacturer, oracle and service-provider roles itself.
    function init() external {
        tt.approve(address(staking), type(uint256).max);
        tt.approve(address(passports), type(uint256).max);
        tt.approve(address(repairs), type(uint256).max);
        staking.stake(IStaking.StakeRole.Oracle, 1_000e18, 3650 days);
        staking.stake(IStaking.StakeRole.ServiceProvider, 1_000e18, 3650 days);
        oracle.postPrice(1, 2e18);
        for (uint256 i = 0; i < actors.length; i++) {
            address actor = actors[i];
            tt.transfer(actor, 1_000_000e18);
            stable.mint(actor, 1_000_000e6);
            vm.startPrank(actor);
            tt.approve(address(staking), type(uint256).max);
            tt.approve(address(market), type(uint256).max);
            tt.approve(address(leases), type(uint256).max);
            stable.approve(address(market), type(uint256).max);
            stable.approve(address(leases), type(uint256).max);
            units.setApprovalForAll(address(market), true);
            units.setApprovalForAll(address(leases), true);
            vm.stopPrank();
        }
    }

    // ==== STAKING ====

    function stake(uint256 actorSeed, uint256 amount, uint8 roleSeed, uint64 lock) external {
        amount = bound(amount, 1e18, 10_000e18);
        lock = uint64(bound(lock, 7 days, 60 days));
        vm.prank(_actor(actorSeed));
        staking.stake(IStaking.StakeRole(roleSeed % 3), amount, lock);
    }

    function requestWithdrawal(uint256 positionSeed, uint256 amount) external {
        uint256 count = staking.positionCount();
        if (count == 0) return;
        uint256 id = bound(positionSeed, 1, count);
        IStaking.StakePosition memory position = staking.getPosition(id);
        if (position.amount == 0 || position.owner == address(this)) return;
        // All of it, or leaving at least the minimum stake.
        amount = amount % 2 == 0 || position.amount < 2e18 ? position.amount : bound(amount, 1, position.amount - 1e18);
        vm.prank(position.owner);
        try staking.requestWithdrawal(id, amount) {
            if (block.timestamp < position.unlocksAt) earlyWithdrawals++;
        } catch {}
    }

    function withdraw(uint256 positionSeed) external {
        uint256 count = staking.positionCount();
        if (count == 0) return;
        uint256 id = bound(positionSeed, 1, count);
        IStaking.StakePosition memory position = staking.getPosition(id);
        vm.prank(position.owner);
        try staking.withdraw(id) {
            if (block.timestamp < position.unbondsAt || block.timestamp < position.heldUntil) earlyWithdrawals++;
            if (staking.pendingSlashes(id) != 0) earlyWithdrawals++;
        } catch {}
    }

    function fundRewards(uint256 amount) external {
        staking.fundRewards(bound(amount, 1, 1_000e18));
    }

    function claimReward(uint256 actorSeed) external {
        vm.prank(_actor(actorSeed));
        staking.claimReward();
    }

    function distributeFees(bool inTT) external {
        router.distribute(inTT ? address(tt) : address(stable));
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 10 days));
        // Keep the price fresh most of the time, as an oracle would.
        if (seconds_ % 4 != 0) oracle.postPrice(1, bound(seconds_, 0.1e18, 10e18));
    }

    // ==== UNITS AND PASSPORTS ====

    function mintUnit(uint256 actorSeed) external {
        string memory publicId = string.concat("urn:a360:passport:", _toString(unitIds.length));
        uint256 unitId = units.mint(_actor(actorSeed), publicId);
        unitIds.push(unitId);
        _publicIdHashes[unitId] = keccak256(bytes(publicId));
        vm.recordLogs();
        // The registry derives the same passport id as the unit id from the public id hash and the organisation.
        bytes32 uid = passports.anchorPassport(keccak256(bytes(publicId)), 1, keccak256(bytes(publicId)), bytes32(0));
        _checkOneFeeEvent(uid);
    }

    function anchorBatch(bytes32 root, uint32 leafCount) external {
        if (root == bytes32(0)) return;
        (IPassportRegistryBatch memory batch, ) = _batch(root);
        if (batch.time != 0) return;
        leafCount = uint32(bound(leafCount, 1, 50));
        vm.recordLogs();
        passports.anchorBatch(root, leafCount, new bytes32[](0));
        _checkOneFeeEvent(root);
    }

    function recordRepair(uint256 unitSeed) external returns (uint256 repairId) {
        if (unitIds.length == 0) return 0;
        uint256 unitId = unitIds[bound(unitSeed, 0, unitIds.length - 1)];
        vm.recordLogs();
        repairId = repairs.recordRepair(unitId, keccak256(abi.encode(unitId, block.timestamp)), IRepairRegistry.RepairDecision.Repaired);
        _checkOneFeeEvent(bytes32(repairId));
    }

    // ==== MARKETPLACE ====

    function list(uint256 unitSeed, uint256 price, bool inStable) external {
        if (unitIds.length == 0) return;
        uint256 unitId = unitIds[bound(unitSeed, 0, unitIds.length - 1)];
        address owner = units.ownerOf(unitId);
        if (!_isActor(owner)) return;
        vm.prank(owner);
        market.createListing(
            unitId,
            inStable ? address(stable) : address(tt),
            bound(price, 1, 10_000e18),
            _passportProof(unitId)
        );
    }

    function buy(uint256 listingSeed, uint256 buyerSeed) external {
        uint256 count = market.listingCount();
        if (count == 0) return;
        uint256 listingId = bound(listingSeed, 1, count);
        // Built before the prank, which applies to the next external call only.
        IPassportRegistry.PassportProof memory passportProof = _passportProof(market.getListing(listingId).unitId);
        vm.recordLogs();
        vm.prank(_actor(buyerSeed));
        try market.buy(listingId, passportProof) {
            _checkOneFeeEvent(bytes32(listingId));
        } catch {}
    }

    function cancelListing(uint256 listingSeed) external {
        uint256 count = market.listingCount();
        if (count == 0) return;
        uint256 listingId = bound(listingSeed, 1, count);
        IMarketplace.Listing memory listing = market.getListing(listingId);
        vm.prank(listing.seller);
        try market.cancelListing(listingId) {} catch {}
    }

    // ==== LEASES ====

    function offerLease(uint256 unitSeed, uint256 rate, uint32 maxDays, uint256 required) external {
        if (unitIds.length == 0) return;
        uint256 unitId = unitIds[bound(unitSeed, 0, unitIds.length - 1)];
        address owner = units.ownerOf(unitId);
        if (!_isActor(owner)) return;
        vm.prank(owner);
        leases.createLeaseOffer(unitId, bound(rate, 1, 100e6), uint32(bound(maxDays, 1, 30)), bound(required, 0, 5_000e18));
    }

    function acceptLease(uint256 leaseSeed, uint256 lesseeSeed, uint32 days_, uint256 stableAmount, uint256 ttAmount) external {
        uint256 count = leases.leaseCount();
        if (count == 0) return;
        uint256 leaseId = bound(leaseSeed, 1, count);
        ILeaseManager.Lease memory lease = leases.getLease(leaseId);
        days_ = uint32(bound(days_, 1, lease.maxDays == 0 ? 1 : lease.maxDays));
        stableAmount = bound(stableAmount, 0, 5_000e6);
        ttAmount = bound(ttAmount, 0, 5_000e18);
        (uint256 price, ) = oracle.latestPrice();
        vm.recordLogs();
        vm.prank(_actor(lesseeSeed));
        try leases.acceptLease(leaseId, days_, stableAmount, ttAmount) {
            leasesAccepted++;
            _checkOneFeeEvent(bytes32(leaseId));
            // Adequacy, recomputed independently: stable (6 decimals) + TT * price * (1 - 30%).
            uint256 value = stableAmount * 1e12 + (ttAmount * price * 7_000) / 1e22;
            if (value < lease.requiredCollateral) inadequateLeases++;
        } catch {}
    }

    function endLease(uint256 leaseSeed) external {
        uint256 count = leases.leaseCount();
        if (count == 0) return;
        uint256 leaseId = bound(leaseSeed, 1, count);
        ILeaseManager.Lease memory lease = leases.getLease(leaseId);
        if (lease.state == ILeaseManager.LeaseState.Active && block.timestamp < lease.endsAt) vm.warp(lease.endsAt);
        try leases.endLease(leaseId) {} catch {}
    }

    /// The handler, an independent staked provider, attests `damage` and the lessor claims up to twice as much.
    function claimCollateral(uint256 leaseSeed, uint256 damage, uint256 stableAmount, uint256 ttAmount) external {
        uint256 count = leases.leaseCount();
        if (count == 0) return;
        uint256 leaseId = bound(leaseSeed, 1, count);
        ILeaseManager.Lease memory lease = leases.getLease(leaseId);
        if (lease.state != ILeaseManager.LeaseState.Ended || leases.getClaim(leaseId).state != ILeaseManager.ClaimState.None) return;
        vm.recordLogs();
        uint256 repairId = repairs.recordRepair(lease.unitId, keccak256("damage"), IRepairRegistry.RepairDecision.PartsReplaced);
        _checkOneFeeEvent(bytes32(repairId));
        damage = bound(damage, 1, 10_000e18);
        try leases.attestDamage(leaseId, repairId, 2, damage) {} catch {
            return;
        }
        stableAmount = bound(stableAmount, 0, lease.stableCollateral);
        ttAmount = bound(ttAmount, 0, lease.ttCollateral);
        vm.prank(lease.lessor);
        try leases.claimCollateral(leaseId, stableAmount, ttAmount) {
            if (leases.claimValue(stableAmount, ttAmount, lease.ttPrice) > damage) claimsOverDamage++;
        } catch {}
    }

    function disputeClaim(uint256 leaseSeed, bool decide, bool atFault) external {
        uint256 count = leases.leaseCount();
        if (count == 0) return;
        uint256 leaseId = bound(leaseSeed, 1, count);
        vm.prank(leases.getLease(leaseId).lessee);
        try leases.disputeClaim(leaseId) {} catch {}
        if (decide) {
            try leases.resolveDispute(leaseId, atFault, atFault ? 100e18 : 0) {} catch {}
        }
    }

    function settleClaim(uint256 leaseSeed) external {
        uint256 count = leases.leaseCount();
        if (count == 0) return;
        uint256 leaseId = bound(leaseSeed, 1, count);
        vm.prank(leases.getLease(leaseId).lessor);
        try leases.settleClaim(leaseId) {} catch {}
    }

    function withdrawRent(uint256 leaseSeed) external {
        uint256 count = leases.leaseCount();
        if (count == 0) return;
        uint256 leaseId = bound(leaseSeed, 1, count);
        vm.prank(leases.getLease(leaseId).lessor);
        try leases.withdrawRent(leaseId) {} catch {}
    }

    function withdrawCollateral(uint256 leaseSeed) external {
        uint256 count = leases.leaseCount();
        if (count == 0) return;
        uint256 leaseId = bound(leaseSeed, 1, count);
        ILeaseManager.Lease memory lease = leases.getLease(leaseId);
        if (lease.state == ILeaseManager.LeaseState.Ended && block.timestamp <= lease.claimDeadline) {
            vm.warp(uint256(lease.claimDeadline) + 1);
        }
        ILeaseManager.ClaimState claimState = leases.getClaim(leaseId).state;
        bool pending = claimState == ILeaseManager.ClaimState.Claimed || claimState == ILeaseManager.ClaimState.Disputed;
        bool owed = lease.stableCollateral != 0 || lease.ttCollateral != 0 || !pending;
        vm.prank(lease.lessee);
        try leases.withdrawCollateral(leaseId) {} catch {
            // The lessee's exit after the claim window depends on nobody else.
            if (lease.state == ILeaseManager.LeaseState.Ended && owed) blockedExits++;
        }
    }

    // ==== VIEWS FOR THE INVARIANTS ====

    function unitCount() external view returns (uint256) {
        return unitIds.length;
    }

    function actorCount() external pure returns (uint256) {
        return 3;
    }

    // ==== PRIVATE ====

    /// @dev Version 1 of the unit's passport, anchored on its own by mintUnit (content hash = public id hash).
    function _passportProof(uint256 unitId) private view returns (IPassportRegistry.PassportProof memory proof) {
        bytes32 publicIdHash = _publicIdHashes[unitId];
        proof = IPassportRegistry.PassportProof({
            publicIdHash: publicIdHash,
            version: 1,
            passportRoot: publicIdHash,
            batchRoot: bytes32(0),
            proof: new bytes32[](0)
        });
    }

    struct IPassportRegistryBatch {
        address attester;
        uint64 time;
        uint32 leafCount;
        bytes32 organisationId;
    }

    function _batch(bytes32 root) private view returns (IPassportRegistryBatch memory batch, uint64 revokedAt) {
        (bool ok, bytes memory data) = address(passports).staticcall(abi.encodeWithSignature("getBatch(bytes32)", root));
        if (ok) (batch, revokedAt) = abi.decode(data, (IPassportRegistryBatch, uint64));
    }

    /// @dev Counts the FeeEvents the router emitted since `vm.recordLogs()`; exactly one must carry `ref`.
    function _checkOneFeeEvent(bytes32 ref) private {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 matching;
        uint256 total;
        for (uint256 i = 0; i < logs.length; i++) {
            if (logs[i].emitter == address(router) && logs[i].topics[0] == IFeeRouter.FeeEvent.selector) {
                total++;
                if (logs[i].topics[3] == ref) matching++;
            }
        }
        feeEventsChecked++;
        if (matching != 1 || total != 1) feeEventMismatches++;
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % actors.length];
    }

    function _isActor(address account) private view returns (bool) {
        return account == actors[0] || account == actors[1] || account == actors[2];
    }

    function _toString(uint256 value) private pure returns (string memory) {
        if (value == 0) return "0";
        bytes memory digits;
        while (value != 0) {
            digits = abi.encodePacked(bytes1(uint8(48 + (value % 10))), digits);
            value /= 10;
        }
        return string(digits);
    }
}
