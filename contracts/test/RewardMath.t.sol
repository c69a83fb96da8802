// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IFeeRouter} from "../src/interfaces/IFeeRouter.sol";
import {IStaking} from "../src/interfaces/IStaking.sol";
import {TestBase} from "./utils/Cheats.sol";
import {ProtocolDeployer} from "./utils/ProtocolDeployer.sol";

/// @notice Fuzzed reward and fee math.
contract RewardMathTest is TestBase, ProtocolDeployer {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    function setUp() public {
        _deployProtocol(address(0x7EA5));
        tt.approve(address(staking), type(uint256).max);
        for (uint256 i = 0; i < 2; i++) {
            address who = i == 0 ? ALICE : BOB;
            tt.transfer(who, 1e27);
            vm.prank(who);
            tt.approve(address(staking), type(uint256).max);
        }
    }

    /// A funding is streamed: each staker's share is proportional to stake × time staked during the period; what is
    /// paid never exceeds what was streamed, nor what was funded.
    function testFuzz_shareProportionalToStakeTime(uint96 stakeA, uint96 stakeB, uint96 reward, uint32 joinAfter) public {
        uint256 a = bound(stakeA, 1e18, 1e27);
        uint256 b = bound(stakeB, 1e18, 1e27);
        uint256 funded = bound(reward, 1e6, 1e27);
        uint256 period = staking.rewardsDuration();
        uint256 t = bound(joinAfter, 0, period);
        vm.prank(ALICE);
        staking.stake(IStaking.StakeRole.MarketMaker, a, 7 days);
        staking.fundRewards(funded);
        vm.warp(block.timestamp + t);
        vm.prank(BOB);
        staking.stake(IStaking.StakeRole.MarketMaker, b, 7 days);
        vm.warp(block.timestamp + period);
        vm.prank(ALICE);
        uint256 paidA = staking.claimReward();
        vm.prank(BOB);
        uint256 paidB = staking.claimReward();
        assertLe(paidA + paidB, staking.totalRewardsStreamed(), "paid > streamed");
        assertLe(staking.totalRewardsStreamed(), funded, "streamed > funded");
        // Bob: his share of the part streamed after he joined. Alice: all before, her share after.
        uint256 after_ = (funded * (period - t)) / period;
        uint256 expectedB = (after_ * b) / (a + b);
        uint256 expectedA = funded - after_ + (after_ * a) / (a + b);
        // Rounding: the rate's floor, and the accumulator's truncation (< stake / PRECISION wei, kept as dust).
        uint256 tolerance = funded / 1e12 + (a + b) / staking.PRECISION() + 4;
        assertApproxEqAbs(paidB, expectedB, tolerance, "bob not pro rata to stake x time");
        assertApproxEqAbs(paidA, expectedA, tolerance, "alice not pro rata to stake x time");
    }

    /// Rewards streamed while nothing is staked all reach the first staker, streamed again over a period.
    function testFuzz_noRewardLostWhileNothingStaked(uint96 reward, uint96 amount) public {
        uint256 funded = bound(reward, 1e6, 1e27);
        staking.fundRewards(funded);
        vm.warp(block.timestamp + staking.rewardsDuration());
        assertApproxEqAbs(staking.undistributedRewards(), funded, 1, "not carried forward");
        vm.prank(ALICE);
        staking.stake(IStaking.StakeRole.Oracle, bound(amount, 1e18, 1e27), 7 days);
        vm.warp(block.timestamp + staking.rewardsDuration());
        vm.prank(ALICE);
        uint256 paid = staking.claimReward();
        assertLe(paid, funded, "paid > funded");
        // What the accumulator truncated stays as dust for the next distribution.
        assertApproxEqAbs(paid + staking.distributionDust() / staking.PRECISION(), funded, funded / 1e12 + 3, "reward lost");
    }

    /// The router splits a TT fee exactly: stakers' share + treasury share = fee.
    function testFuzz_feeSplitIsExact(uint80 fee, uint16 bps) public {
        bps = uint16(bound(bps, 0, 10_000));
        router.setStakerShareBps(bps);
        router.grantRole(router.FEE_COLLECTOR_ROLE(), address(this));
        tt.transfer(address(router), fee);
        router.recordFee(IFeeRouter.FeeKind.Sale, address(this), address(tt), fee, bytes32(0));
        assertEq(router.stakerRewardsOwed(), (uint256(fee) * bps) / 10_000, "stakers' share");
        assertEq(router.owed(address(tt)), fee, "total owed");
    }

    /// Collateral value: stable scaled to 18 decimals plus TT at price with the 30% haircut.
    function testFuzz_collateralValue(uint64 stableAmount, uint96 ttAmount, uint64 price) public view {
        uint256 expected = uint256(stableAmount) * 1e12 + (uint256(ttAmount) * price * 7_000) / 1e22;
        assertEq(leases.collateralValue(stableAmount, ttAmount, price), expected, "collateral value");
    }
}
