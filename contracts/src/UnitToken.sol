// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC4907, IUnitToken} from "./interfaces/IUnitToken.sol";
import {IPassportRegistry} from "./interfaces/IPassportRegistry.sol";
import {PassportIds} from "./libraries/PassportIds.sol";

/**
 * @title UnitToken
 * @notice One ERC-721 per serialised unit, minted by a manufacturer wallet. The token id is the unit's passport id,
 * derived from the minter's organisation and the passport public id ({PassportIds}), and the same number as `bytes32`
 * is the passport id anchored in the passport registry: the off-chain passport and the on-chain unit are one thing,
 * and only the organisation that issues a passport can mint its unit.
 * @dev ERC-4907 user role, set only by the lease manager (USER_MANAGER_ROLE) and cleared on every transfer in
 * `_update`.
 */
contract UnitToken is IUnitToken, ERC721, AccessControl {
    /// @notice The lease manager: the only account that sets ERC-4907 users.
    bytes32 public constant USER_MANAGER_ROLE = keccak256("USER_MANAGER_ROLE");

    struct UserInfo {
        address user;
        uint64 expires;
    }

    /// @notice Who is a manufacturer wallet, and of which organisation.
    IPassportRegistry public immutable passportRegistry;

    mapping(uint256 unitId => UserInfo) private _users;

    constructor(IPassportRegistry passportRegistry_, address admin) ERC721("A360 Unit", "A360U") {
        passportRegistry = passportRegistry_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ==== MINTING ====

    /**
     * @notice Mints the unit of passport `passportPublicId` to `to`.
     * @dev Requirements: caller is a manufacturer wallet; the id is non-empty and its unit (for the caller's
     * organisation) not minted; `to` can receive ERC-721 tokens. Emits {Transfer} and {UnitMinted} events.
     * @return unitId `unitIdOf(organisationOf(caller), passportPublicId)`.
     */
    function mint(address to, string calldata passportPublicId) external returns (uint256 unitId) {
        bytes32 organisationId = passportRegistry.organisationOf(msg.sender);
        if (organisationId == bytes32(0)) revert UnitTokenNotManufacturer(msg.sender);
        if (bytes(passportPublicId).length == 0) revert UnitTokenEmptyPassportId();
        unitId = unitIdOf(organisationId, passportPublicId);
        emit UnitMinted(unitId, to, organisationId, msg.sender, passportPublicId);
        _safeMint(to, unitId);
    }

    // ==== ERC-4907 ====

    /// @inheritdoc IERC4907
    /// @dev Requirements: USER_MANAGER_ROLE; the unit exists. Emits an {UpdateUser} event.
    function setUser(uint256 tokenId, address user, uint64 expires) external onlyRole(USER_MANAGER_ROLE) {
        _requireOwned(tokenId);
        _users[tokenId] = UserInfo({user: user, expires: expires});
        emit UpdateUser(tokenId, user, expires);
    }

    /// @inheritdoc IERC4907
    function userOf(uint256 tokenId) external view returns (address) {
        UserInfo storage info = _users[tokenId];
        return info.expires >= block.timestamp ? info.user : address(0);
    }

    /// @inheritdoc IERC4907
    function userExpires(uint256 tokenId) external view returns (uint256) {
        return _users[tokenId].expires;
    }

    // ==== IDS ====

    /// @notice The unit id of passport `passportPublicId` of organisation `organisationId`: its passport id as a number.
    function unitIdOf(bytes32 organisationId, string calldata passportPublicId) public pure returns (uint256) {
        return uint256(PassportIds.passportIdOf(organisationId, passportPublicId));
    }

    /// @notice The passport id (in the passport registry) of unit `unitId`: the same number as `bytes32`.
    function passportIdOf(uint256 unitId) public pure returns (bytes32) {
        return bytes32(unitId);
    }

    /// @inheritdoc ERC721
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, AccessControl) returns (bool) {
        return interfaceId == type(IERC4907).interfaceId || super.supportsInterface(interfaceId);
    }

    // ==== INTERNAL ====

    /// @dev Clears the ERC-4907 user whenever the unit changes hands (ERC-4907 requirement).
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = super._update(to, tokenId, auth);
        if (from != to && _users[tokenId].user != address(0)) {
            delete _users[tokenId];
            emit UpdateUser(tokenId, address(0), 0);
        }
    }
}
