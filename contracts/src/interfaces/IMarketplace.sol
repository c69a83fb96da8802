// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IMarketplace
 * @notice Events and errors of the unit marketplace.
 */
interface IMarketplace {
    /// @notice Where a listing is in its life.
    enum ListingState {
        None,
        Active,
        Sold,
        Cancelled
    }

    /// @notice One offer to sell a unit.
    // solhint-disable-next-line gas-struct-packing
    struct Listing {
        address seller; // Who listed the unit and gets paid.
        address paymentToken; // The ERC-20 the price is in.
        uint256 unitId; // The unit held in escrow.
        uint256 price; // Full price the buyer pays, fee included.
        bytes32 passportHash; // Latest anchored passport hash of the unit when listed.
        uint64 passportVersion; // Its version.
        uint16 feeBps; // Fee rate fixed at listing time.
        ListingState state; // Where the listing is.
        address buyer; // Who bought it; zero until sold.
    }

    /// @notice Emitted when `seller` lists `unitId`; the unit moves into escrow.
    event ListingCreated(
        uint256 indexed listingId,
        uint256 indexed unitId,
        address indexed seller,
        address paymentToken,
        uint256 price,
        uint16 feeBps,
        bytes32 passportHash,
        uint64 passportVersion
    );
    /// @notice Emitted when `buyer` buys listing `listingId`; `fee` went to the fee router, the rest to `seller`.
    event ListingSold(
        uint256 indexed listingId,
        uint256 indexed unitId,
        address indexed buyer,
        address seller,
        address paymentToken,
        uint256 price,
        uint256 fee
    );
    /// @notice Emitted when the seller cancels listing `listingId`; the unit goes back to them.
    event ListingCancelled(uint256 indexed listingId, uint256 indexed unitId, address indexed seller);
    /// @notice Emitted when `token` is allowed or disallowed as a payment token.
    event PaymentTokenAllowed(address indexed token, bool allowed);
    /// @notice Emitted when the sale fee rate changes.
    event SaleFeeUpdated(uint16 previousBps, uint16 newBps);

    /// @notice `token` is not an allowed payment token.
    error MarketplaceTokenNotAllowed(address token);
    /// @notice A price of zero.
    error MarketplaceZeroPrice();
    /// @notice `caller` does not own unit `unitId`.
    error MarketplaceNotUnitOwner(uint256 unitId, address caller);
    /// @notice The passport proof given for unit `unitId` proves no anchored, unrevoked version of its passport.
    error MarketplacePassportNotProven(uint256 unitId);
    /// @notice The proven `version` is older than the latest version `latestVersion` recorded on chain.
    error MarketplacePassportOutdated(uint256 unitId, uint64 version, uint64 latestVersion);
    /// @notice The buyer's proof is of another passport version than listing `listingId` was made with.
    error MarketplacePassportChanged(uint256 listingId, bytes32 listedHash, bytes32 provenHash);
    /// @notice Listing `listingId` is `state`, not active.
    error MarketplaceListingNotActive(uint256 listingId, ListingState state);
    /// @notice `caller` is not the seller of listing `listingId`.
    error MarketplaceNotSeller(uint256 listingId, address caller);
    /// @notice The seller cannot buy their own listing.
    error MarketplaceSellerIsBuyer(uint256 listingId);
    /// @notice Basis points above the maximum fee.
    error MarketplaceInvalidFeeBps(uint256 bps);
}
