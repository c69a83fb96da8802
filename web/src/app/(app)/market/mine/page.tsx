import { MyListings } from "../../../../market/MyListings";

export const metadata = { title: "My listings" };

export default function MyListingsPage() {
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>My listings</h1>
          <p>Everything this wallet has listed: for sale, sold and cancelled. Open a unit to cancel its listing.</p>
        </div>
        <a className="button button-secondary" href="/market">
          Back to the market
        </a>
      </div>
      <MyListings />
    </div>
  );
}
