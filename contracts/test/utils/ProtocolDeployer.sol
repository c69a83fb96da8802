// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DevStableToken} from "../../src/DevStableToken.sol";
import {FeeRouter} from "../../src/FeeRouter.sol";
import {LeaseManager} from "../../src/LeaseManager.sol";
import {Marketplace} from "../../src/Marketplace.sol";
import {PassportRegistry} from "../../src/PassportRegistry.sol";
import {PriceOracle} from "../../src/PriceOracle.sol";
import {RepairRegistry} from "../../src/RepairRegistry.sol";
import {Staking} from "../../src/Staking.sol";
import {TTToken} from "../../src/TTToken.sol";
import {UnitToken} from "../../src/UnitToken.sol";

/// @notice Deploys and wires the protocol the way the Ignition module does, with this contract as admin.
contract ProtocolDeployer {
    TTToken public tt;
    DevStableToken public stable;
    Staking public staking;
    FeeRouter public router;
    PriceOracle public oracle;
    PassportRegistry public passports;
    UnitToken public units;
    RepairRegistry public repairs;
    Marketplace public market;
    LeaseManager public leases;

    function _deployProtocol(address treasury) internal {
        tt = new TTToken(address(this), 1e30);
        stable = new DevStableToken();
        staking = new Staking(tt, 7 days, 14 days, 3 days, 30 days, 1e18, 0, address(this));
        router = new FeeRouter(tt, staking, treasury, 5_000, address(this));
        oracle = new PriceOracle(
            staking,
            PriceOracle.Parameters({
                minOracleStake: 1_000e18,
                falsePostSlash: 100e18,
                heartbeat: 1 hours,
                maxDeviationBps: 1_000,
                quorum: 1
            })
        );
        passports = new PassportRegistry(tt, router, 0.01e18, address(this));
        units = new UnitToken(passports, address(this));
        repairs = new RepairRegistry(tt, router, staking, units, 1_000e18, 5e18, address(this));
        market = new Marketplace(units, passports, router, 250, address(this));
        leases = new LeaseManager(
            units,
            stable,
            tt,
            oracle,
            router,
            repairs,
            staking,
            LeaseManager.Parameters({
                leaseFeeBps: 250,
                ttHaircutBps: 3_000,
                claimWindow: 3 days,
                maxPriceAge: 1 hours,
                disputeWindow: 3 days,
                arbitrationWindow: 7 days,
                minProviderStake: 1_000e18
            }),
            0,
            address(this)
        );
        bytes32 collector = router.FEE_COLLECTOR_ROLE();
        router.grantRole(collector, address(passports));
        router.grantRole(collector, address(repairs));
        router.grantRole(collector, address(market));
        router.grantRole(collector, address(leases));
        units.grantRole(units.USER_MANAGER_ROLE(), address(leases));
        staking.grantRole(staking.SLASHER_ROLE(), address(leases));
        staking.grantRole(staking.SLASHER_ROLE(), address(oracle));
        market.setPaymentTokenAllowed(address(tt), true);
        market.setPaymentTokenAllowed(address(stable), true);
    }
}
