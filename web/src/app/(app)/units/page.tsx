import { MyUnits } from "../../../market/MyUnits";

export const metadata = { title: "My units" };

export default function MyUnitsPage() {
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>My units</h1>
          <p>The units this wallet owns, has listed or leased out, and the ones it uses under a lease.</p>
        </div>
      </div>
      <MyUnits />
    </div>
  );
}
