// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IERC4907
 * @notice The ERC-4907 rental extension of ERC-721: a time-limited user besides the owner.
 */
interface IERC4907 {
    /// @notice Emitted when the user of `tokenId` changes or is cleared (user zero).
    event UpdateUser(uint256 indexed tokenId, address indexed user, uint64 expires);

    /// @notice Sets the user of `tokenId` until `expires`.
    function setUser(uint256 tokenId, address user, uint64 expires) external;

    /// @notice The current user of `tokenId`, zero when none or expired.
    function userOf(uint256 tokenId) external view returns (address);

    /// @notice When the user of `tokenId` stops being its user.
    function userExpires(uint256 tokenId) external view returns (uint256);
}

/**
 * @title IUnitToken
 * @notice Events and errors of the unit token.
 */
interface IUnitToken is IERC4907 {
    /// @notice Emitted when a manufacturer mints unit `unitId` for passport `passportPublicId`.
    event UnitMinted(
        uint256 indexed unitId,
        address indexed owner,
        bytes32 indexed organisationId,
        address manufacturer,
        string passportPublicId
    );

    /// @notice `caller` is not a manufacturer wallet of any organisation.
    error UnitTokenNotManufacturer(address caller);
    /// @notice An empty passport public id.
    error UnitTokenEmptyPassportId();
}
