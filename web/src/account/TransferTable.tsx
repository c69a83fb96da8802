import type { Address } from "viem";
import type { TtTransfer } from "../api/types";
import { formatTokenAmount } from "../format/formatTokenAmount";
import { shortenHex } from "../format/shortenHex";
import styles from "./AccountSection.module.css";
import { TT_DISPLAY } from "./ttDisplay";

const KIND_LABELS: Record<TtTransfer["kind"], string> = {
  mint: "Minted",
  stake: "Stake",
  unstake: "Stake withdrawn",
  reward: "Staking reward",
  purchase: "Purchase",
  lease: "Lease",
  fee: "Fee",
  transfer: "Transfer",
};

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The transfers as the api lists them; "in"/"out" is only which side of each transfer the owner is on. */
export function TransferTable({ owner, transfers }: { owner: Address; transfers: TtTransfer[] }) {
  if (transfers.length === 0) {
    return <p className={styles.muted}>No TT transfers yet.</p>;
  }
  const self = owner.toLowerCase();
  return (
    <div className={styles.tableScroll}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Direction</th>
            <th scope="col">Counterparty</th>
            <th scope="col" className={styles.numeric}>
              Amount
            </th>
            <th scope="col" className={styles.numeric}>
              Block
            </th>
            <th scope="col">Time</th>
            <th scope="col">Transaction</th>
          </tr>
        </thead>
        <tbody>
          {transfers.map((transfer) => {
            const incoming = transfer.to.toLowerCase() === self;
            const counterparty = incoming ? transfer.from : transfer.to;
            return (
              <tr key={transfer.id} data-testid="transfer-row" data-kind={transfer.kind}>
                <td>{KIND_LABELS[transfer.kind]}</td>
                <td>
                  <span className={incoming ? styles.incoming : styles.outgoing}>{incoming ? "In" : "Out"}</span>
                </td>
                <td className={styles.mono} title={counterparty}>
                  {shortenHex(counterparty)}
                </td>
                <td className={styles.numeric}>{formatTokenAmount(transfer.amount, TT_DISPLAY)}</td>
                <td className={styles.numeric}>{transfer.blockNumber}</td>
                <td>{timeFormat.format(new Date(transfer.timestamp))}</td>
                <td className={styles.mono} title={transfer.transactionHash}>
                  {shortenHex(transfer.transactionHash, 6)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
