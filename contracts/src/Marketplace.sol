// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IFeeRouter} from "./interfaces/IFeeRouter.sol";
import {IMarketplace} from "./interfaces/IMarketplace.sol";
import {IPassportRegistry} from "./interfaces/IPassportRegistry.sol";

/**
 * @title Marketplace
 * @notice Fixed-price sales of units. A seller lists a unit at a price in an allowed ERC-20; the unit is held in
 * escrow until a buyer buys it or the seller cancels. A fee in basis points, fixed at listing time, goes to the fee
 * router. Each listing records the passport version the seller proved when listing (one wallet action, with a Merkle
 * proof when the version was anchored in a batch), and a buyer settles only against that version, proven again and
 * still unrevoked.
 * @dev The buyer pays the seller and the fee router directly, so the marketplace never holds ERC-20 balances: its only
 * custody is the listed units.
 */
contract Marketplace is IMarketplace, AccessControl, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Highest sale fee: 10%.
    uint16 public constant MAX_FEE_BPS = 1_000;
    uint16 private constant _BPS = 10_000;

    /// @notice The unit token.
    IERC721 public immutable unitToken;
    /// @notice Where the unit's latest passport hash is read.
    IPassportRegistry public immutable passportRegistry;
    /// @notice Where fees go.
    IFeeRouter public immutable feeRouter;

    uint16 private _saleFeeBps;
    uint256 private _listingCount;
    mapping(uint256 listingId => Listing) private _listings;
    mapping(uint256 unitId => uint256 listingId) private _activeListings;
    mapping(address token => bool) private _allowedTokens;

    constructor(
        IERC721 unitToken_,
        IPassportRegistry passportRegistry_,
        IFeeRouter feeRouter_,
        uint16 saleFeeBps_,
        address admin
    ) {
        if (saleFeeBps_ > MAX_FEE_BPS) revert MarketplaceInvalidFeeBps(saleFeeBps_);
        unitToken = unitToken_;
        passportRegistry = passportRegistry_;
        feeRouter = feeRouter_;
        _saleFeeBps = saleFeeBps_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ==== EMERGENCY ====

    /// @notice Stops new listings and purchases; sellers still cancel. Requirements: DEFAULT_ADMIN_ROLE.
    function pause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _pause();
    }

    /// @notice Lets new listings and purchases in again. Requirements: DEFAULT_ADMIN_ROLE.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ==== LISTINGS ====

    /**
     * @notice Lists unit `unitId` at `price` in `paymentToken`; the unit moves into escrow.
     * @dev Requirements: caller owns the unit and approved this contract for it; `paymentToken` allowed; `price` > 0;
     * `passportProof` proves an anchored, unrevoked version of the unit's passport (the unit id is its passport id),
     * not older than the latest version recorded on chain. Emits a {ListingCreated} event.
     * @return listingId The new listing's id (from 1).
     */
    function createListing(
        uint256 unitId,
        address paymentToken,
        uint256 price,
        IPassportRegistry.PassportProof calldata passportProof
    ) external nonReentrant whenNotPaused returns (uint256 listingId) {
        if (!_allowedTokens[paymentToken]) revert MarketplaceTokenNotAllowed(paymentToken);
        if (price == 0) revert MarketplaceZeroPrice();
        if (unitToken.ownerOf(unitId) != msg.sender) revert MarketplaceNotUnitOwner(unitId, msg.sender);
        _requireProven(unitId, passportProof);
        (uint64 latestVersion, ) = passportRegistry.latestPassportVersion(bytes32(unitId));
        uint64 passportVersion = passportProof.version;
        if (passportVersion < latestVersion) {
            revert MarketplacePassportOutdated(unitId, passportVersion, latestVersion);
        }
        bytes32 passportHash = passportProof.passportRoot;

        listingId = ++_listingCount;
        uint16 feeBps = _saleFeeBps;
        _listings[listingId] = Listing({
            seller: msg.sender,
            paymentToken: paymentToken,
            unitId: unitId,
            price: price,
            passportHash: passportHash,
            passportVersion: passportVersion,
            feeBps: feeBps,
            state: ListingState.Active,
            buyer: address(0)
        });
        _activeListings[unitId] = listingId;
        emit ListingCreated(listingId, unitId, msg.sender, paymentToken, price, feeBps, passportHash, passportVersion);

        unitToken.transferFrom(msg.sender, address(this), unitId);
    }

    /**
     * @notice Buys listing `listingId`: the price goes to the seller minus the fee, the fee to the router, the unit to
     * the caller.
     * @dev Requirements: listing active; caller is not the seller; `passportProof` is of the listed passport version
     * and proves it still anchored and unrevoked (the buyer pays only for the passport they saw); `price` allowance of
     * the payment token for this contract; a contract buyer must accept ERC-721 tokens. Emits a {ListingSold} event
     * and, from the fee router, a {FeeEvent} whose ref is the listing id.
     */
    function buy(
        uint256 listingId,
        IPassportRegistry.PassportProof calldata passportProof
    ) external nonReentrant whenNotPaused {
        Listing storage listing = _activeListing(listingId);
        address seller = listing.seller;
        if (seller == msg.sender) revert MarketplaceSellerIsBuyer(listingId);
        uint256 unitId = listing.unitId;
        if (passportProof.version != listing.passportVersion || passportProof.passportRoot != listing.passportHash) {
            revert MarketplacePassportChanged(listingId, listing.passportHash, passportProof.passportRoot);
        }
        _requireProven(unitId, passportProof);
        uint256 price = listing.price;
        IERC20 token = IERC20(listing.paymentToken);
        uint256 fee = (price * listing.feeBps) / _BPS;

        listing.state = ListingState.Sold;
        listing.buyer = msg.sender;
        delete _activeListings[unitId];
        emit ListingSold(listingId, unitId, msg.sender, seller, address(token), price, fee);

        if (fee != 0) token.safeTransferFrom(msg.sender, address(feeRouter), fee);
        feeRouter.recordFee(IFeeRouter.FeeKind.Sale, msg.sender, address(token), fee, bytes32(listingId));
        token.safeTransferFrom(msg.sender, seller, price - fee);
        unitToken.safeTransferFrom(address(this), msg.sender, unitId);
    }

    /**
     * @notice Cancels listing `listingId`; the unit goes back to the seller.
     * @dev Requirements: listing active; caller is the seller. Emits a {ListingCancelled} event.
     */
    function cancelListing(uint256 listingId) external nonReentrant {
        Listing storage listing = _activeListing(listingId);
        if (listing.seller != msg.sender) revert MarketplaceNotSeller(listingId, msg.sender);
        uint256 unitId = listing.unitId;
        listing.state = ListingState.Cancelled;
        delete _activeListings[unitId];
        emit ListingCancelled(listingId, unitId, msg.sender);

        unitToken.safeTransferFrom(address(this), msg.sender, unitId);
    }

    // ==== ADMIN ====

    /**
     * @notice Allows or disallows `token` as a payment token. Requirements: DEFAULT_ADMIN_ROLE.
     * @dev Existing listings keep their token. Emits a {PaymentTokenAllowed} event.
     */
    function setPaymentTokenAllowed(address token, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _allowedTokens[token] = allowed;
        emit PaymentTokenAllowed(token, allowed);
    }

    /**
     * @notice Sets the sale fee for new listings. Requirements: DEFAULT_ADMIN_ROLE, `bps` <= MAX_FEE_BPS.
     * @dev Emits a {SaleFeeUpdated} event.
     */
    function setSaleFeeBps(uint16 bps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (bps > MAX_FEE_BPS) revert MarketplaceInvalidFeeBps(bps);
        emit SaleFeeUpdated(_saleFeeBps, bps);
        _saleFeeBps = bps;
    }

    // ==== GETTERS ====

    /// @notice Listing `listingId` (state None when unknown).
    function getListing(uint256 listingId) external view returns (Listing memory) {
        return _listings[listingId];
    }

    /// @notice The active listing of unit `unitId`, zero when none.
    function activeListingOf(uint256 unitId) external view returns (uint256) {
        return _activeListings[unitId];
    }

    /// @notice Number of listings ever created; ids run from 1 to this.
    function listingCount() external view returns (uint256) {
        return _listingCount;
    }

    /// @notice Whether `token` is an allowed payment token.
    function isPaymentTokenAllowed(address token) external view returns (bool) {
        return _allowedTokens[token];
    }

    /// @notice The sale fee for new listings, in basis points.
    function saleFeeBps() external view returns (uint16) {
        return _saleFeeBps;
    }

    /// @dev Reverts unless `passportProof` proves an anchored, unrevoked version of unit `unitId`'s passport.
    function _requireProven(uint256 unitId, IPassportRegistry.PassportProof calldata passportProof) private view {
        if (!passportRegistry.isPassportVersionProven(bytes32(unitId), passportProof)) {
            revert MarketplacePassportNotProven(unitId);
        }
    }

    function _activeListing(uint256 listingId) private view returns (Listing storage listing) {
        listing = _listings[listingId];
        if (listing.state != ListingState.Active) revert MarketplaceListingNotActive(listingId, listing.state);
    }
}
