import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { keccak256, parseEther, toHex } from "viem";

const FEE_COLLECTOR_ROLE = keccak256(toHex("FEE_COLLECTOR_ROLE"));
const USER_MANAGER_ROLE = keccak256(toHex("USER_MANAGER_ROLE"));
const SLASHER_ROLE = keccak256(toHex("SLASHER_ROLE"));
const ARBITER_ROLE = keccak256(toHex("ARBITER_ROLE"));
const PAUSER_ROLE = keccak256(toHex("PAUSER_ROLE"));
const DAY = 24n * 60n * 60n;

/**
 * The whole A360 protocol, deployed in dependency order, with its roles wired: every fee-paying contract may record
 * fees in the FeeRouter, the LeaseManager sets ERC-4907 users on the UnitToken and holds and slashes providers' stake
 * positions, the deployer arbitrates disputed claims and slash appeals, and TT and the stable token are allowed
 * marketplace payment tokens. DevStableToken is a mintable EUR mock for local chains and testnets.
 * Every figure below is an Ignition parameter (`--parameters`), defaults in parentheses.
 */
export default buildModule("A360", (m) => {
  const deployer = m.getAccount(0);
  const treasury = m.getParameter("treasury", deployer);

  const ttToken = m.contract("TTToken", [deployer, m.getParameter("ttInitialSupply", parseEther("1000000000"))]);
  const devStableToken = m.contract("DevStableToken", []);

  // Delay before a new default admin (accepted in two steps) takes over, in seconds.
  const adminDelay = m.getParameter("adminDelay", DAY);
  const staking = m.contract("Staking", [
    ttToken,
    m.getParameter("minLockDuration", 7n * DAY),
    m.getParameter("unbondingPeriod", 14n * DAY),
    m.getParameter("appealWindow", 3n * DAY),
    m.getParameter("rewardsDuration", 30n * DAY),
    m.getParameter("minStake", parseEther("1")),
    adminDelay,
    deployer,
  ]);
  const feeRouter = m.contract("FeeRouter", [
    ttToken,
    staking,
    treasury,
    m.getParameter("stakerShareBps", 5_000),
    deployer,
  ]);
  const priceOracle = m.contract("PriceOracle", [
    staking,
    {
      minOracleStake: m.getParameter("minOracleStake", parseEther("1000")),
      falsePostSlash: m.getParameter("falsePostSlash", parseEther("100")),
      heartbeat: m.getParameter("oracleHeartbeat", 60n * 60n),
      maxDeviationBps: m.getParameter("oracleMaxDeviationBps", 1_000),
      quorum: m.getParameter("oracleQuorum", 3),
    },
  ]);
  const passportRegistry = m.contract("PassportRegistry", [
    ttToken,
    feeRouter,
    m.getParameter("attestationFee", parseEther("0.01")),
    deployer,
  ]);
  const unitToken = m.contract("UnitToken", [passportRegistry, deployer]);
  const repairRegistry = m.contract("RepairRegistry", [
    ttToken,
    feeRouter,
    staking,
    unitToken,
    m.getParameter("minProviderStake", parseEther("1000")),
    m.getParameter("repairFee", parseEther("5")),
    deployer,
  ]);
  const marketplace = m.contract("Marketplace", [
    unitToken,
    passportRegistry,
    feeRouter,
    m.getParameter("saleFeeBps", 250),
    deployer,
  ]);
  const leaseManager = m.contract("LeaseManager", [
    unitToken,
    devStableToken,
    ttToken,
    priceOracle,
    feeRouter,
    repairRegistry,
    staking,
    {
      leaseFeeBps: m.getParameter("leaseFeeBps", 250),
      ttHaircutBps: m.getParameter("ttHaircutBps", 3_000),
      claimWindow: m.getParameter("claimWindow", 3n * DAY),
      maxPriceAge: m.getParameter("maxPriceAge", 60n * 60n),
      disputeWindow: m.getParameter("disputeWindow", 3n * DAY),
      arbitrationWindow: m.getParameter("arbitrationWindow", 7n * DAY),
      minProviderStake: m.getParameter("minProviderStake", parseEther("1000")),
    },
    adminDelay,
    deployer,
  ]);

  for (const [name, collector] of [
    ["PassportRegistry", passportRegistry],
    ["RepairRegistry", repairRegistry],
    ["Marketplace", marketplace],
    ["LeaseManager", leaseManager],
  ] as const) {
    m.call(feeRouter, "grantRole", [FEE_COLLECTOR_ROLE, collector], { id: `FeeRouter_grantCollector_${name}` });
  }
  m.call(unitToken, "grantRole", [USER_MANAGER_ROLE, leaseManager], { id: "UnitToken_grantUserManager" });
  m.call(staking, "grantRole", [SLASHER_ROLE, leaseManager], { id: "Staking_grantSlasher_LeaseManager" });
  m.call(staking, "grantRole", [SLASHER_ROLE, priceOracle], { id: "Staking_grantSlasher_PriceOracle" });
  m.call(staking, "grantRole", [ARBITER_ROLE, deployer], { id: "Staking_grantArbiter" });
  m.call(leaseManager, "grantRole", [ARBITER_ROLE, deployer], { id: "LeaseManager_grantArbiter" });
  m.call(leaseManager, "grantRole", [PAUSER_ROLE, deployer], { id: "LeaseManager_grantPauser" });
  m.call(marketplace, "setPaymentTokenAllowed", [ttToken, true], { id: "Marketplace_allowTT" });
  m.call(marketplace, "setPaymentTokenAllowed", [devStableToken, true], { id: "Marketplace_allowStable" });

  return {
    ttToken,
    devStableToken,
    staking,
    feeRouter,
    priceOracle,
    passportRegistry,
    unitToken,
    repairRegistry,
    marketplace,
    leaseManager,
  };
});
