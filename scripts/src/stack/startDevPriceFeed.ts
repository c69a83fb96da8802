import deployments, { StakeRole } from "@a360/contracts/deployments";
import { type HDAccount, parseEther } from "viem";
import { getDevAccount } from "../devAccounts.ts";
import { createLocalChainClients } from "../localChain.ts";

/** Dev accounts #9-#11 report the TT/EUR price on the local chain; no demo user is a party to a lease with them. */
export const DEV_PRICE_REPORTERS: readonly HDAccount[] = [getDevAccount(9), getDevAccount(10), getDevAccount(11)];

/** The demo's TT price in EUR (18 decimals, as PriceOracle answers). */
export const DEV_TT_PRICE_EUR = parseEther("1.5");

/**
 * The local chain's price feed: PriceOracle answers only with a quorum of fresh posts from staked
 * reporters, so without this `pnpm dev` had no price and refused every lease with TT collateral.
 * The reporters get TT from the deployer, stake the oracle minimum and post at once, then again
 * every half heartbeat while the stack runs. Local chain only; a public chain has real reporters.
 */
export async function startDevPriceFeed(rpcUrl: string): Promise<{ stop(): void }> {
  const { reader, walletOf } = createLocalChainClients(rpcUrl);
  const { Staking: staking, TTToken: token, PriceOracle: oracle } = deployments[31337];
  const Staking = { address: staking.address, abi: staking.abi };
  const TTToken = { address: token.address, abi: token.abi };
  const PriceOracle = { address: oracle.address, abi: oracle.abi };
  const deployer = walletOf(getDevAccount(0));
  const send = async (hash: `0x${string}`) => {
    await reader.waitForTransactionReceipt({ hash });
  };
  const [minOracleStake, heartbeat, minLockDuration] = await Promise.all([
    reader.readContract({ ...PriceOracle, functionName: "minOracleStake" }),
    reader.readContract({ ...PriceOracle, functionName: "heartbeat" }),
    reader.readContract({ ...Staking, functionName: "minLockDuration" }),
  ]);

  const positions: Array<{ account: HDAccount; position: bigint }> = [];
  for (const account of DEV_PRICE_REPORTERS) {
    const wallet = walletOf(account);
    await send(
      await deployer.writeContract({ ...TTToken, functionName: "transfer", args: [account.address, minOracleStake] }),
    );
    await send(
      await wallet.writeContract({ ...TTToken, functionName: "approve", args: [Staking.address, minOracleStake] }),
    );
    const { request, result } = await reader.simulateContract({
      ...Staking,
      account,
      functionName: "stake",
      args: [StakeRole.indexOf("Oracle"), minOracleStake, minLockDuration],
    });
    await send(await wallet.writeContract(request));
    positions.push({ account, position: result });
  }

  const post = async () => {
    for (const { account, position } of positions) {
      await send(
        await walletOf(account).writeContract({
          ...PriceOracle,
          functionName: "postPrice",
          args: [position, DEV_TT_PRICE_EUR],
        }),
      );
    }
  };
  await post();
  const timer = setInterval(
    () => {
      post().catch((error: unknown) => console.error(`[price feed] could not post the dev price: ${String(error)}`));
    },
    (Number(heartbeat) * 1000) / 2,
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
