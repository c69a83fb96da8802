import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { keccak256, parseEther, toHex } from "viem";

const FEE_COLLECTOR_ROLE = keccak256(toHex("FEE_COLLECTOR_ROLE"));
const USER_MANAGER_ROLE = keccak256(toHex("USER_MANAGER_ROLE"));
const DAY = 24n * 60n * 60n;

/**
 * The whole A360 protocol, deployed in dependency order, with its roles wired: every fee-paying contract may record
 * fees in the FeeRouter, the LeaseManager sets ERC-4907 users on the UnitToken, and TT and the stable token are
 * allowed marketplace payment tokens. DevStableToken is a mintable EUR mock for local chains and testnets.
 * Every figure below is an Ignition parameter (`--parameters`), defaults in parentheses.
 */
export default buildModule("A360", (m) => {
  const deployer = m.getAccount(0);
  const treasury = m.getParameter("treasury", deployer);

  const ttToken = m.contract("TTToken", [deployer, m.getParameter("ttInitialSupply", parseEther("1000000000"))]);
  const devStableToken = m.contract("DevStableToken", []);

  const staking = m.contract("Staking", [ttToken, m.getParameter("minLockDuration", 7n * DAY)]);
  const feeRouter = m.contract("FeeRouter", [
    ttToken,
    staking,
    treasury,
    m.getParameter("stakerShareBps", 5_000),
    deployer,
  ]);
  const priceOracle = m.contract("PriceOracle", [staking, m.getParameter("minOracleStake", parseEther("1000"))]);
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
    m.getParameter("leaseFeeBps", 250),
    m.getParameter("ttHaircutBps", 3_000),
    m.getParameter("claimWindow", 3n * DAY),
    m.getParameter("maxPriceAge", 60n * 60n),
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
