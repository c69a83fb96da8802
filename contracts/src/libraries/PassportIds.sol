// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title PassportIds
 * @notice The on-chain id of a passport, bound to the organisation that issues it:
 * `keccak256(abi.encode(organisationId, keccak256(bytes(publicId))))`. The same number is the id of the passport's
 * unit token. The passport registry and the unit token derive it from the caller's organisation, so no other
 * organisation can anchor, record or mint under another's passport id. The shared TS passport module
 * (`passportIdOf`) computes the same hash.
 */
library PassportIds {
    /// @notice The passport id of `publicId` issued by `organisationId`.
    function passportIdOf(bytes32 organisationId, string memory publicId) internal pure returns (bytes32) {
        return passportIdOfHash(organisationId, keccak256(bytes(publicId)));
    }

    /// @notice The passport id of the public id hashing to `publicIdHash`, issued by `organisationId`.
    function passportIdOfHash(bytes32 organisationId, bytes32 publicIdHash) internal pure returns (bytes32) {
        return keccak256(abi.encode(organisationId, publicIdHash));
    }
}
