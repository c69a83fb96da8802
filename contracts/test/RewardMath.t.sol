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

    /// Rewards split pro rata; what is paid never exceeds what was funded; the shortfall is sub-wei per account.
    function testFuzz_rewardsSplitProRata(uint80 stakeA, uint80 stakeB, uint80 reward1, uint80 reward2) public {
        vm.assume(stakeA > 0 && stakeB > 0 && reward1 > 0 && reward2 > 0);
        vm.prank(ALICE);
        staking.stake(IStaking.StakeRole.MarketMaker, stakeA, 7 days);
        staking.fundRewards(reward1);
        vm.prank(BOB);
        staking.stake(IStaking.StakeRole.MarketMaker, stakeB, 7 days);
        staking.fundRewards(reward2);
        vm.prank(ALICE);
        uint256 paidA = staking.claimReward();
        vm.prank(BOB);
        uint256 paidB = staking.claimReward();
        uint256 funded = uint256(reward1) + reward2;
        assertLe(paidA + paidB, funded, "paid > funded");
        uint256 expectedB = (uint256(reward2) * stakeB) / (uint256(stakeA) + stakeB);
        // Dust kept from the first funding (< stakeA / PRECISION wei) is redistributed with the second, Bob included.
        assertLe(paidB, expectedB + uint256(stakeA) / staking.PRECISION() + 2, "bob overpaid");
        // Truncating the accumulator costs Bob at most stake / PRECISION wei now; it stays as dust for later.
        assertLe(expectedB, paidB + stakeB / staking.PRECISION() + 2, "bob underpaid");
        uint256 undistributed = (staking.distributionDust()) / staking.PRECISION();
        assertLe(funded - paidA - paidB, undistributed + 2, "rewards lost");
    }

    /// Rewards funded while nothing is staked all reach the first staker.
    function testFuzz_noRewardLostWhileNothingStaked(uint80 reward, uint80 amount) public {
        vm.assume(reward > 0 && amount > 0);
        staking.fundRewards(reward);
        assertEq(staking.undistributedRewards(), reward, "not carried forward");
        vm.prank(ALICE);
        staking.stake(IStaking.StakeRole.Oracle, amount, 7 days);
        vm.prank(ALICE);
        uint256 paid = staking.claimReward();
        uint256 dust = staking.distributionDust() / staking.PRECISION();
        assertLe(reward - paid, dust + 1, "reward lost");
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
