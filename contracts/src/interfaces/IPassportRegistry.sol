// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IPassportRegistry
 * @notice Events, errors and views of the digital product passport anchors.
 */
interface IPassportRegistry {
    /// @notice One anchored passport version, stored per passport.
    struct PassportAnchor {
        bytes32 hash; // Content hash of this passport version.
        bytes32 previousHash; // Hash of the version it replaces; EMPTY_HASH for the first.
        bytes32 organisationId; // The organisation whose manufacturer anchored it.
        bytes32 batchRoot; // The Merkle batch it was proven from; EMPTY_HASH for a single anchor.
        address attester; // The manufacturer wallet that anchored it (or its batch).
        uint64 time; // When it was anchored.
        uint64 revocationTime; // When it was revoked; zero while valid.
    }

    /// @notice One anchored Merkle batch. Only the root is stored; leaves and proofs live off-chain.
    struct PassportBatch {
        address attester; // The manufacturer wallet that anchored it.
        uint64 time; // When it was anchored; zero for no batch.
        uint32 leafCount; // How many passport versions it holds.
        bytes32 organisationId; // The attester's organisation when it anchored: the batch's authority for good.
    }

    /**
     * @notice A passport version and where it is anchored, as a wallet sends it with a market action: a Merkle proof
     * into batch `batchRoot`, or (`batchRoot` zero) a per-passport anchor of the registry.
     */
    struct PassportProof {
        bytes32 publicIdHash; // keccak256 of the passport's public id; with the batch's organisation it gives the id.
        uint64 version; // The passport version.
        bytes32 passportRoot; // Its content hash.
        bytes32 batchRoot; // The batch it is proven from; EMPTY_HASH for a per-passport anchor.
        bytes32[] proof; // Proof of the leaf (passportId, version, passportRoot) into `batchRoot`.
    }

    /// @notice Emitted when the registry admin registers (or renames) organisation `organisationId` as `name`.
    event OrganisationRegistered(bytes32 indexed organisationId, string name);
    /// @notice Emitted when `wallet` becomes a manufacturer wallet of `organisationId`.
    event ManufacturerGranted(address indexed wallet, bytes32 indexed organisationId);
    /// @notice Emitted when `wallet` stops being a manufacturer wallet of `organisationId`.
    event ManufacturerRevoked(address indexed wallet, bytes32 indexed organisationId);
    /// @notice Emitted when a passport version is anchored singly, or proven from a batch (`batchRoot` set).
    event PassportVersionAnchored(
        bytes32 indexed passportId,
        uint64 indexed version,
        bytes32 indexed organisationId,
        bytes32 hash,
        bytes32 previousHash,
        address attester,
        bytes32 batchRoot
    );
    /// @notice Emitted when a passport version is revoked.
    event PassportVersionRevoked(
        bytes32 indexed passportId,
        uint64 indexed version,
        bytes32 indexed organisationId,
        address revoker
    );
    /// @notice Emitted once per Merkle batch.
    event PassportBatchAnchored(
        bytes32 indexed root,
        bytes32 indexed organisationId,
        address indexed attester,
        uint32 leafCount,
        bool perPassportEvents
    );
    /// @notice Emitted for each passport of a batch whose attester asked for per-passport events; `passportId` is
    /// derived from the batch's organisation, so it names only that organisation's passports.
    event PassportAnchored(bytes32 indexed passportId, bytes32 root);
    /// @notice Emitted when a Merkle batch is revoked; its leaves no longer verify.
    event PassportBatchRevoked(bytes32 indexed root, bytes32 indexed organisationId, address revoker);
    /// @notice Emitted when the attestation fee per passport changes.
    event AttestationFeeUpdated(uint256 previousFee, uint256 newFee);

    /// @notice `caller` is not a manufacturer wallet.
    error PassportRegistryNotManufacturer(address caller);
    /// @notice An organisation id of zero.
    error PassportRegistryZeroOrganisation();
    /// @notice An empty organisation name.
    error PassportRegistryEmptyName(bytes32 organisationId);
    /// @notice The passport belongs to `owner`, not to the caller's `organisationId`.
    error PassportRegistryWrongOrganisation(bytes32 passportId, bytes32 owner, bytes32 organisationId);
    /// @notice `version` does not follow the latest anchored version `latestVersion`.
    error PassportRegistryVersionNotNext(bytes32 passportId, uint64 version, uint64 latestVersion);
    /// @notice `previousHash` is not the hash of the latest version, `latestHash`.
    error PassportRegistryPreviousHashMismatch(bytes32 passportId, bytes32 previousHash, bytes32 latestHash);
    /// @notice A zero passport id or content hash.
    error PassportRegistryEmptyHash();
    /// @notice No passport version `version` of `passportId` is anchored.
    error PassportRegistryUnknownVersion(bytes32 passportId, uint64 version);
    /// @notice The version was already revoked at `revocationTime`.
    error PassportRegistryVersionRevoked(bytes32 passportId, uint64 version, uint64 revocationTime);
    /// @notice A batch with no leaves.
    error PassportRegistryEmptyBatch();
    /// @notice Per-passport events need one public id hash per leaf.
    error PassportRegistryLeafCountMismatch(uint32 leafCount, uint256 publicIdHashCount);
    /// @notice `root` is already anchored.
    error PassportRegistryBatchExists(bytes32 root);
    /// @notice `root` is not anchored.
    error PassportRegistryUnknownBatch(bytes32 root);
    /// @notice `root` was already revoked at `revocationTime`.
    error PassportRegistryBatchRevoked(bytes32 root, uint64 revocationTime);
    /// @notice The leaf and proof do not verify against an anchored, unrevoked `root`.
    error PassportRegistryInvalidProof(bytes32 root, bytes32 leaf);
    /// @notice `version` is the highest uint64: no version could follow it, so it is never anchored.
    error PassportRegistryVersionTooHigh(bytes32 passportId, uint64 version);

    /**
     * @notice The organisation `wallet` anchors for, zero when it is not a manufacturer wallet.
     */
    function organisationOf(address wallet) external view returns (bytes32);

    /**
     * @notice The latest anchored version of `passportId` and its hash; the hash is EMPTY_HASH when that version or
     * the batch it was proven from is revoked, or nothing is anchored.
     */
    function latestPassportVersion(bytes32 passportId) external view returns (uint64 version, bytes32 hash);

    /**
     * @notice Whether `passportProof` proves an anchored, unrevoked version of passport `passportId` issued by the
     * organisation that owns the id (a batch of another organisation never proves it).
     */
    function isPassportVersionProven(bytes32 passportId, PassportProof calldata passportProof) external view returns (bool);
}
