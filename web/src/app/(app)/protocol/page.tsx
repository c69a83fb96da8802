import { connection } from "next/server";
import { findProtocolFiguresOnServer } from "../../../protocol/findProtocolFiguresOnServer";
import { ProtocolDashboard } from "../../../protocol/ProtocolDashboard";
import { ProtocolFigureList } from "../../../protocol/ProtocolFigureList";

export const metadata = { title: "Protocol" };

export default async function ProtocolPage() {
  await connection();
  const figures = await findProtocolFiguresOnServer();
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Protocol</h1>
          <p>What is staked, what the market holds, and the fees it earns, as the chain's events add up.</p>
        </div>
      </div>
      {figures ? (
        <>
          <ProtocolFigureList figures={figures} />
          <ProtocolDashboard figures={figures} />
        </>
      ) : (
        <p className="notice notice-warning" role="alert">
          The figures are unavailable right now: the chain mirror may still be catching up.
        </p>
      )}
    </div>
  );
}
