// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ILeaseManager} from "../src/interfaces/ILeaseManager.sol";
import {IMarketplace} from "../src/interfaces/IMarketplace.sol";
import {IStaking} from "../src/interfaces/IStaking.sol";
import {TestBase} from "./utils/Cheats.sol";
import {ProtocolDeployer} from "./utils/ProtocolDeployer.sol";
import {ProtocolHandler} from "./utils/ProtocolHandler.sol";

/**
 * @title ProtocolInvariants
 * @notice The six invariants of issue 3, checked after every call of random sequences of protocol actions.
 */
contract ProtocolInvariants is TestBase, ProtocolDeployer {
    ProtocolHandler internal handler;

    function setUp() public {
        _deployProtocol(address(0x7EA5));
        handler = new ProtocolHandler(this);
        passports.grantManufacturer(address(handler), keccak256("org:invariants"));
        tt.transfer(address(handler), 100_000_000e18);
        leases.grantRole(leases.ARBITER_ROLE(), address(handler));
        handler.init();
    }

    /// @notice Only the handler is called by the invariant runner.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// The handler's actions all succeed in a plain sequence, so the invariant runs exercise real flows.
    function test_handlerDrivesEveryPath() public {
        handler.stake(0, 100e18, 0, 7 days);
        handler.fundRewards(10e18);
        handler.mintUnit(0);
        handler.mintUnit(1);
        handler.list(0, 50e18, false);
        handler.buy(1, 2);
        assertEq(uint256(market.getListing(1).state), uint256(IMarketplace.ListingState.Sold), "sold");
        handler.offerLease(1, 10e6, 5, 100e18);
        handler.acceptLease(1, 2, 3, 100e6, 0);
        assertEq(handler.leasesAccepted(), 1, "lease accepted");
        handler.endLease(1);
        handler.claimCollateral(1, 10e18, 10e6, 0);
        assertEq(uint256(leases.getClaim(1).state), uint256(ILeaseManager.ClaimState.Claimed), "claimed");
        handler.withdrawCollateral(1);
        handler.settleClaim(1);
        handler.withdrawRent(1);
        assertEq(uint256(leases.getLease(1).state), uint256(ILeaseManager.LeaseState.Closed), "lease closed");
        handler.anchorBatch(keccak256("root"), 10);
        handler.recordRepair(0);
        handler.warp(8 days);
        handler.requestWithdrawal(3, 100e18);
        handler.warp(10 days);
        handler.warp(5 days);
        handler.withdraw(3);
        assertEq(staking.getPosition(3).unbonding, 0, "withdrawn");
        handler.claimReward(0);
        handler.distributeFees(true);
        assertEq(handler.feeEventsChecked(), 7, "fee events checked");
        assertEq(handler.feeEventMismatches(), 0, "fee event mismatches");
        invariant_balancesMatchObligations();
        invariant_rewardsConserved();
    }

    /// 1. A unit is never in an active listing and an active lease at once, and has at most one of each.
    function invariant_unitInOneListingOrLease() public view {
        uint256 count = handler.unitCount();
        uint256 listed;
        for (uint256 i = 0; i < count; i++) {
            uint256 unitId = handler.unitIds(i);
            uint256 listingId = market.activeListingOf(unitId);
            uint256 leaseId = leases.activeLeaseOf(unitId);
            assertTrue(listingId == 0 || leaseId == 0, "unit listed and leased");
            address owner = units.ownerOf(unitId);
            if (listingId != 0) {
                listed++;
                assertTrue(owner == address(market), "listed unit not in escrow");
                assertTrue(market.getListing(listingId).unitId == unitId, "listing of another unit");
            }
            if (leaseId != 0) assertTrue(owner == address(leases), "leased unit not in escrow");
        }
        // At most one active listing per unit: active listings = listed units.
        uint256 activeListings;
        for (uint256 id = 1; id <= market.listingCount(); id++) {
            if (market.getListing(id).state == IMarketplace.ListingState.Active) activeListings++;
        }
        assertEq(activeListings, listed, "active listings != listed units");
        assertEq(units.balanceOf(address(market)), listed, "marketplace holds unlisted units");
    }

    /// 2. TT and stable balances held by each contract equal what it owes.
    function invariant_balancesMatchObligations() public view {
        uint256 unbonding;
        for (uint256 id = 1; id <= staking.positionCount(); id++) unbonding += staking.getPosition(id).unbonding;
        assertEq(tt.balanceOf(address(staking)), staking.totalStaked() + unbonding + staking.rewardReserve(), "staking TT");
        uint256 stableOwed;
        uint256 ttOwed;
        uint256 activeLeases;
        for (uint256 id = 1; id <= leases.leaseCount(); id++) {
            ILeaseManager.Lease memory lease = leases.getLease(id);
            stableOwed += lease.rentDue + lease.stableCollateral;
            ttOwed += lease.ttCollateral;
            ILeaseManager.DamageClaim memory claim = leases.getClaim(id);
            if (claim.state == ILeaseManager.ClaimState.Claimed || claim.state == ILeaseManager.ClaimState.Disputed) {
                stableOwed += claim.stableAmount;
                ttOwed += claim.ttAmount;
            }
            if (lease.state == ILeaseManager.LeaseState.Offered || lease.state == ILeaseManager.LeaseState.Active) {
                activeLeases++;
            }
        }
        assertEq(stable.balanceOf(address(leases)), stableOwed, "lease manager stable");
        assertEq(tt.balanceOf(address(leases)), ttOwed, "lease manager TT");
        assertEq(units.balanceOf(address(leases)), activeLeases, "lease manager units");
        assertEq(tt.balanceOf(address(router)), router.owed(address(tt)), "router TT");
        assertEq(stable.balanceOf(address(router)), router.owed(address(stable)), "router stable");
        assertEq(tt.balanceOf(address(market)) + stable.balanceOf(address(market)), 0, "marketplace holds tokens");
    }

    /// 3. No withdrawal from a position before its lock-up.
    function invariant_noWithdrawalBeforeLockup() public view {
        assertEq(handler.earlyWithdrawals(), 0, "early withdrawals");
    }

    /// 7. A damage claim is never worth more than the damage attested by an independent provider.
    function invariant_claimWithinAttestedDamage() public view {
        assertEq(handler.claimsOverDamage(), 0, "claims over damage");
        for (uint256 id = 1; id <= leases.leaseCount(); id++) {
            ILeaseManager.DamageClaim memory claim = leases.getClaim(id);
            uint256 value = leases.claimValue(claim.stableAmount, claim.ttAmount, leases.getLease(id).ttPrice);
            assertLe(value, claim.damage, "claim over attested damage");
        }
    }

    /// 8. No exit is ever blocked by a third party: a lessee's collateral leaves once the claim window is over.
    function invariant_noExitBlocked() public view {
        assertEq(handler.blockedExits(), 0, "blocked exits");
    }

    /// 4. Each sale, lease, repair and attestation emits exactly one FeeEvent whose ref matches.
    function invariant_oneFeeEventPerTransaction() public view {
        assertEq(handler.feeEventMismatches(), 0, "FeeEvent mismatches");
    }

    /// 5. Collateral adequacy holds for every accepted lease.
    function invariant_acceptedLeasesAdequate() public view {
        assertEq(handler.inadequateLeases(), 0, "inadequate leases");
    }

    /// 6. Rewards claimed never exceed rewards streamed so far, nor funded; none are lost when nothing is staked
    /// (only sub-wei dust).
    function invariant_rewardsConserved() public view {
        uint256 funded = staking.totalRewardsFunded();
        uint256 claimed = staking.totalRewardsClaimed();
        assertLe(claimed, staking.totalRewardsStreamed(), "claimed > streamed");
        assertLe(staking.totalRewardsStreamed(), funded, "streamed > funded");
        uint256 finish = staking.periodFinish();
        uint256 unstreamed = block.timestamp < finish
            ? ((finish - block.timestamp) * staking.rewardRate()) / staking.PRECISION()
            : 0;
        uint256 owed = staking.undistributedRewards() + unstreamed + staking.earned(address(handler));
        // The handler, the actors, and the floors of the carried-forward and unstreamed figures.
        uint256 accounts = 3;
        for (uint256 i = 0; i < handler.actorCount(); i++) {
            owed += staking.earned(handler.actors(i));
            accounts++;
        }
        // Everything funded is claimed, owed to someone, carried forward or kept as rounding dust for the next
        // distribution; besides that dust, less than 1 wei per account (its kept fraction) is unaccounted.
        assertLe(claimed + owed, funded, "rewards over-allocated");
        uint256 precision = staking.PRECISION();
        assertLe((funded - claimed - owed) * precision, staking.distributionDust() + accounts * precision, "rewards lost");
        assertEq(staking.rewardReserve(), funded - claimed, "reserve != funded - claimed");
        // Used, so the role enum is not reported unused.
        IStaking.StakeRole role = IStaking.StakeRole.Oracle;
        assertTrue(staking.hasRoleStake(address(handler), role, 1_000e18), "handler oracle stake");
    }
}
