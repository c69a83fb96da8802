// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IFeeRouter} from "./interfaces/IFeeRouter.sol";
import {IPassportRegistry} from "./interfaces/IPassportRegistry.sol";
import {PassportIds} from "./libraries/PassportIds.sol";

/**
 * @title PassportRegistry
 * @notice Anchors of digital product passport versions. Manufacturer wallets, granted per organisation, anchor a
 * version singly (`passportId, version, hash, previousHash`, stored per passport and chained by `previousHash`) or
 * many at once as the root of a Merkle batch (only the root is stored). Versions and batches can be revoked.
 * A passport id is bound to its organisation ({PassportIds}): the registry derives it from the public id hash and the
 * caller's (or the batch's) organisation, so no organisation anchors or records another's passport. The admin
 * registers each organisation's name, which verifiers show as the issuer.
 * @dev Modelled on EAS: content-hash ids, `uint64` times, named zero values, and one private `_anchor` that stores a
 * per-passport record, used both by {anchorPassport} and by {recordBatchedVersion} (a batch leaf proven on-chain).
 * Batch leaves follow OpenZeppelin's StandardMerkleTree with types `["bytes32", "uint64", "bytes32"]`:
 * `keccak256(bytes.concat(keccak256(abi.encode(passportId, version, passportRoot))))`, so OpenZeppelin's
 * merkle-tree package builds the same roots and proofs. Every anchoring call pays `attestationFee` TT per passport
 * through the fee router.
 *
 * Every view honours both kinds of revocation: a revoked batch revokes each version proven from it, and a revoked
 * version no longer verifies in any batch. A batch belongs for good to the organisation its attester had when
 * anchoring it, and a proof against it cannot be deeper than a tree of its declared `leafCount` leaves.
 */
contract PassportRegistry is IPassportRegistry, AccessControl {
    using SafeERC20 for IERC20;

    /// @notice The zero hash: no passport version, no previous version, no batch.
    bytes32 public constant EMPTY_HASH = bytes32(0);
    /// @notice The highest version that can be anchored; one below the uint64 maximum so a next version always exists.
    uint64 public constant MAX_VERSION = type(uint64).max - 1;

    /// @notice The TT token fees are paid in.
    IERC20 public immutable ttToken;
    /// @notice Where fees go.
    IFeeRouter public immutable feeRouter;

    uint256 private _attestationFee;
    mapping(address wallet => bytes32 organisationId) private _organisations;
    mapping(bytes32 organisationId => string name) private _organisationNames;
    mapping(bytes32 passportId => bytes32 organisationId) private _passportOrganisations;
    mapping(bytes32 passportId => uint64 version) private _latestVersions;
    mapping(bytes32 anchorUid => PassportAnchor) private _anchors;
    mapping(bytes32 root => PassportBatch) private _batches;
    mapping(bytes32 root => uint64 revocationTime) private _batchRevocations;

    modifier onlyManufacturer() {
        if (_organisations[msg.sender] == bytes32(0)) revert PassportRegistryNotManufacturer(msg.sender);
        _;
    }

    constructor(IERC20 ttToken_, IFeeRouter feeRouter_, uint256 attestationFee_, address admin) {
        ttToken = ttToken_;
        feeRouter = feeRouter_;
        _attestationFee = attestationFee_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ==== MANUFACTURERS ====

    /**
     * @notice Registers organisation `organisationId` under `name` (or renames it), the issuer name verdicts show.
     * @dev Requirements: DEFAULT_ADMIN_ROLE, non-zero `organisationId`, non-empty `name`.
     * Emits an {OrganisationRegistered} event.
     */
    function registerOrganisation(bytes32 organisationId, string calldata name) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (organisationId == bytes32(0)) revert PassportRegistryZeroOrganisation();
        if (bytes(name).length == 0) revert PassportRegistryEmptyName(organisationId);
        _organisationNames[organisationId] = name;
        emit OrganisationRegistered(organisationId, name);
    }

    /**
     * @notice Makes `wallet` a manufacturer wallet of `organisationId` (replacing any earlier organisation).
     * @dev Requirements: DEFAULT_ADMIN_ROLE, non-zero `organisationId`. Emits a {ManufacturerGranted} event.
     */
    function grantManufacturer(address wallet, bytes32 organisationId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (organisationId == bytes32(0)) revert PassportRegistryZeroOrganisation();
        _organisations[wallet] = organisationId;
        emit ManufacturerGranted(wallet, organisationId);
    }

    /**
     * @notice Removes `wallet` from its organisation. Requirements: DEFAULT_ADMIN_ROLE, `wallet` is a manufacturer.
     * @dev Emits a {ManufacturerRevoked} event.
     */
    function revokeManufacturer(address wallet) external onlyRole(DEFAULT_ADMIN_ROLE) {
        bytes32 organisationId = _organisations[wallet];
        if (organisationId == bytes32(0)) revert PassportRegistryNotManufacturer(wallet);
        delete _organisations[wallet];
        emit ManufacturerRevoked(wallet, organisationId);
    }

    // ==== SINGLE ANCHORS ====

    /**
     * @notice Anchors version `version`, with content hash `hash`, of the caller's organisation's passport whose public
     * id hashes to `publicIdHash`.
     * @dev Requirements: caller is a manufacturer; `version` is the latest plus one; `previousHash` is the latest
     * version's hash (EMPTY_HASH for version 1); `attestationFee` TT allowance for this contract.
     * Emits a {PassportVersionAnchored} event and, from the fee router, a {FeeEvent} whose ref is the anchor uid.
     * @return uid `keccak256(abi.encode(passportId, version))` with `passportId` derived from the caller's organisation.
     */
    function anchorPassport(
        bytes32 publicIdHash,
        uint64 version,
        bytes32 hash,
        bytes32 previousHash
    ) external onlyManufacturer returns (bytes32 uid) {
        bytes32 passportId = PassportIds.passportIdOfHash(_organisations[msg.sender], publicIdHash);
        uint64 latest = _latestVersions[passportId];
        if (version != latest + 1) revert PassportRegistryVersionNotNext(passportId, version, latest);
        bytes32 latestHash = _anchors[anchorUid(passportId, latest)].hash;
        if (previousHash != latestHash) {
            revert PassportRegistryPreviousHashMismatch(passportId, previousHash, latestHash);
        }
        bytes32 organisationId = _organisations[msg.sender];
        PassportAnchor memory anchor = _newAnchor(hash, previousHash, organisationId, msg.sender, EMPTY_HASH);
        uid = _anchor(passportId, version, anchor);
        _payFee(1, uid);
    }

    /**
     * @notice Revokes version `version` of `passportId`.
     * @dev Requirements: caller is a manufacturer of the passport's organisation; the version exists, unrevoked.
     * Emits a {PassportVersionRevoked} event.
     */
    function revokePassportVersion(bytes32 passportId, uint64 version) external onlyManufacturer {
        bytes32 organisationId = _organisations[msg.sender];
        bytes32 owner = _passportOrganisations[passportId];
        if (owner != organisationId) revert PassportRegistryWrongOrganisation(passportId, owner, organisationId);
        PassportAnchor storage anchor = _anchors[anchorUid(passportId, version)];
        if (anchor.time == 0) revert PassportRegistryUnknownVersion(passportId, version);
        if (anchor.revocationTime != 0) {
            revert PassportRegistryVersionRevoked(passportId, version, anchor.revocationTime);
        }
        anchor.revocationTime = uint64(block.timestamp);
        emit PassportVersionRevoked(passportId, version, organisationId, msg.sender);
    }

    // ==== MERKLE BATCHES ====

    /**
     * @notice Anchors the Merkle `root` of `leafCount` passport versions of the caller's organisation.
     * @dev With `publicIdHashes` empty only the batch event is emitted (cheapest); otherwise it must hold one public id
     * hash per leaf and one compact {PassportAnchored} is emitted per passport for third-party indexers, its passport
     * id derived from the caller's organisation.
     * Requirements: caller is a manufacturer; `root` new and non-zero; `leafCount` > 0; `attestationFee * leafCount`
     * TT allowance for this contract.
     * Emits a {PassportBatchAnchored} event, optionally {PassportAnchored} events, and a {FeeEvent} whose ref is
     * `root`.
     */
    function anchorBatch(
        bytes32 root,
        uint32 leafCount,
        bytes32[] calldata publicIdHashes
    ) external onlyManufacturer {
        if (root == EMPTY_HASH) revert PassportRegistryEmptyHash();
        if (leafCount == 0) revert PassportRegistryEmptyBatch();
        uint256 idCount = publicIdHashes.length;
        if (idCount != 0 && idCount != leafCount) revert PassportRegistryLeafCountMismatch(leafCount, idCount);
        if (_batches[root].time != 0) revert PassportRegistryBatchExists(root);

        bytes32 organisationId = _organisations[msg.sender];
        _batches[root] = PassportBatch({
            attester: msg.sender,
            time: uint64(block.timestamp),
            leafCount: leafCount,
            organisationId: organisationId
        });
        emit PassportBatchAnchored(root, organisationId, msg.sender, leafCount, idCount != 0);
        for (uint256 i = 0; i < idCount; ) {
            emit PassportAnchored(PassportIds.passportIdOfHash(organisationId, publicIdHashes[i]), root);
            // Overflow not possible: i < idCount <= calldata length.
            unchecked {
                ++i;
            }
        }
        _payFee(leafCount, root);
    }

    /**
     * @notice Revokes batch `root`: none of its leaves verify any more.
     * @dev Requirements: caller is a manufacturer of the organisation the batch was anchored for (even when its
     * attester has since been revoked). Emits a {PassportBatchRevoked} event.
     */
    function revokeBatch(bytes32 root) external onlyManufacturer {
        PassportBatch memory batch = _batches[root];
        if (batch.time == 0) revert PassportRegistryUnknownBatch(root);
        bytes32 organisationId = _organisations[msg.sender];
        // The batch's organisation is the one fixed when it was anchored: a revoked or moved wallet changes nothing.
        bytes32 owner = batch.organisationId;
        if (owner != organisationId) revert PassportRegistryWrongOrganisation(root, owner, organisationId);
        uint64 revokedAt = _batchRevocations[root];
        if (revokedAt != 0) revert PassportRegistryBatchRevoked(root, revokedAt);
        _batchRevocations[root] = uint64(block.timestamp);
        emit PassportBatchRevoked(root, organisationId, msg.sender);
    }

    /**
     * @notice Records on-chain, as the passport's latest version, a leaf proven against an anchored batch, so that
     * contracts reading the latest passport hash (the marketplace) see batch-anchored versions too. The passport id
     * is derived from `publicIdHash` and the batch's organisation.
     * @dev Only a manufacturer of the batch's organisation may call, so nobody else can choose which of its
     * anchored versions becomes the latest on chain (or front-run it with a stale one). Requirements: valid proof
     * against an unrevoked batch; `version` above the latest recorded and at most MAX_VERSION; the batch's
     * organisation owns (or claims) the passport. No fee: the batch paid it. Emits a {PassportVersionAnchored} event
     * with `batchRoot` set.
     */
    function recordBatchedVersion(
        bytes32 root,
        bytes32 publicIdHash,
        uint64 version,
        bytes32 passportRoot,
        bytes32[] calldata proof
    ) external onlyManufacturer returns (bytes32 uid) {
        bytes32 passportId = PassportIds.passportIdOfHash(_requireBatchOfCaller(root), publicIdHash);
        if (!verifyPassportInBatch(root, passportId, version, passportRoot, proof)) {
            revert PassportRegistryInvalidProof(root, passportLeaf(passportId, version, passportRoot));
        }
        uint64 latest = _latestVersions[passportId];
        if (version <= latest) revert PassportRegistryVersionNotNext(passportId, version, latest);
        PassportBatch storage batch = _batches[root];
        PassportAnchor memory anchor = _newAnchor(
            passportRoot,
            _anchors[anchorUid(passportId, latest)].hash,
            batch.organisationId,
            batch.attester,
            root
        );
        uid = _anchor(passportId, version, anchor);
    }

    // ==== ADMIN ====

    /**
     * @notice Sets the TT fee per anchored passport. Requirements: DEFAULT_ADMIN_ROLE.
     * @dev Emits an {AttestationFeeUpdated} event.
     */
    function setAttestationFee(uint256 fee) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit AttestationFeeUpdated(_attestationFee, fee);
        _attestationFee = fee;
    }

    // ==== GETTERS ====

    /// @inheritdoc IPassportRegistry
    function organisationOf(address wallet) external view returns (bytes32) {
        return _organisations[wallet];
    }

    /// @notice The name organisation `organisationId` is registered under, empty when none.
    function organisationName(bytes32 organisationId) external view returns (string memory) {
        return _organisationNames[organisationId];
    }

    /// @notice The passport id of the public id hashing to `publicIdHash`, issued by `organisationId` ({PassportIds}).
    function passportIdOf(bytes32 organisationId, bytes32 publicIdHash) external pure returns (bytes32) {
        return PassportIds.passportIdOfHash(organisationId, publicIdHash);
    }

    /// @notice The organisation a passport belongs to (the one whose anchors derived its id), zero when none.
    function passportOrganisation(bytes32 passportId) external view returns (bytes32) {
        return _passportOrganisations[passportId];
    }

    /// @inheritdoc IPassportRegistry
    function latestPassportVersion(bytes32 passportId) external view returns (uint64 version, bytes32 hash) {
        version = _latestVersions[passportId];
        PassportAnchor memory anchor = getPassportAnchor(passportId, version);
        hash = anchor.revocationTime == 0 ? anchor.hash : EMPTY_HASH;
    }

    /**
     * @notice The record of version `version` of `passportId` (zero time when none). Its `revocationTime` is the
     * version's own revocation or, failing that, the revocation of the batch it was proven from.
     */
    function getPassportAnchor(bytes32 passportId, uint64 version) public view returns (PassportAnchor memory anchor) {
        anchor = _anchors[anchorUid(passportId, version)];
        if (anchor.revocationTime == 0 && anchor.batchRoot != EMPTY_HASH) {
            anchor.revocationTime = _batchRevocations[anchor.batchRoot];
        }
    }

    /**
     * @notice Whether version `version` of `passportId` is anchored on-chain with `hash`, and neither the version nor
     * the batch it was proven from is revoked.
     */
    function isAnchored(bytes32 passportId, uint64 version, bytes32 hash) external view returns (bool) {
        PassportAnchor memory anchor = getPassportAnchor(passportId, version);
        return anchor.time != 0 && anchor.hash == hash && anchor.revocationTime == 0;
    }

    /// @inheritdoc IPassportRegistry
    function isPassportVersionProven(
        bytes32 passportId,
        PassportProof calldata passportProof
    ) external view returns (bool) {
        bytes32 root = passportProof.batchRoot;
        if (root == EMPTY_HASH) {
            PassportAnchor memory anchor = getPassportAnchor(passportId, passportProof.version);
            return anchor.time != 0 && anchor.hash == passportProof.passportRoot && anchor.revocationTime == 0;
        }
        // The id must be the one the batch's organisation derives: another organisation's batch proves nothing.
        if (PassportIds.passportIdOfHash(_batches[root].organisationId, passportProof.publicIdHash) != passportId) {
            return false;
        }
        return
            verifyPassportInBatch(
                root,
                passportId,
                passportProof.version,
                passportProof.passportRoot,
                passportProof.proof
            );
    }

    /// @notice The batch anchored as `root` (zero time when none) and when it was revoked (zero when valid).
    function getBatch(bytes32 root) external view returns (PassportBatch memory batch, uint64 revocationTime) {
        return (_batches[root], _batchRevocations[root]);
    }

    /// @notice The TT fee per anchored passport.
    function attestationFee() external view returns (uint256) {
        return _attestationFee;
    }

    /**
     * @notice Whether the leaf (`passportId`, `version`, `passportRoot`) with `proof` belongs to an anchored,
     * unrevoked batch `root`.
     * @dev False as well when the version itself is revoked, when the passport belongs to another organisation than
     * the batch's, or when `proof` is deeper than a tree of the batch's `leafCount` leaves can be (a batch cannot
     * hold more passports than it paid for).
     */
    function verifyPassportInBatch(
        bytes32 root,
        bytes32 passportId,
        uint64 version,
        bytes32 passportRoot,
        bytes32[] calldata proof
    ) public view returns (bool) {
        PassportBatch storage batch = _batches[root];
        if (batch.time == 0 || _batchRevocations[root] != 0) return false;
        if (proof.length > _maxProofLength(batch.leafCount)) return false;
        if (_anchors[anchorUid(passportId, version)].revocationTime != 0) return false;
        bytes32 owner = _passportOrganisations[passportId];
        if (owner != bytes32(0) && owner != batch.organisationId) return false;
        return MerkleProof.verifyCalldata(proof, root, passportLeaf(passportId, version, passportRoot));
    }

    /// @notice The Merkle leaf of a passport version, as OpenZeppelin's StandardMerkleTree hashes it.
    function passportLeaf(bytes32 passportId, uint64 version, bytes32 passportRoot) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(passportId, version, passportRoot))));
    }

    /// @notice The id of version `version` of `passportId`: `keccak256(abi.encode(passportId, version))`.
    function anchorUid(bytes32 passportId, uint64 version) public pure returns (bytes32) {
        return keccak256(abi.encode(passportId, version));
    }

    // ==== PRIVATE ====

    function _anchor(bytes32 passportId, uint64 version, PassportAnchor memory anchor) private returns (bytes32 uid) {
        if (passportId == EMPTY_HASH || anchor.hash == EMPTY_HASH) revert PassportRegistryEmptyHash();
        // The next version must always be representable, or the passport could never be anchored again.
        if (version > MAX_VERSION) revert PassportRegistryVersionTooHigh(passportId, version);
        bytes32 organisationId = anchor.organisationId;
        bytes32 owner = _passportOrganisations[passportId];
        if (owner == bytes32(0)) {
            _passportOrganisations[passportId] = organisationId;
        } else if (owner != organisationId) {
            revert PassportRegistryWrongOrganisation(passportId, owner, organisationId);
        }
        uid = anchorUid(passportId, version);
        _anchors[uid] = anchor;
        _latestVersions[passportId] = version;
        emit PassportVersionAnchored(
            passportId,
            version,
            organisationId,
            anchor.hash,
            anchor.previousHash,
            anchor.attester,
            anchor.batchRoot
        );
    }

    function _newAnchor(
        bytes32 hash,
        bytes32 previousHash,
        bytes32 organisationId,
        address attester,
        bytes32 batchRoot
    ) private view returns (PassportAnchor memory) {
        return
            PassportAnchor({
                hash: hash,
                previousHash: previousHash,
                organisationId: organisationId,
                batchRoot: batchRoot,
                attester: attester,
                time: uint64(block.timestamp),
                revocationTime: 0
            });
    }

    /// @dev The organisation batch `root` was anchored for, which must be the caller's.
    function _requireBatchOfCaller(bytes32 root) private view returns (bytes32 organisationId) {
        organisationId = _batches[root].organisationId;
        bytes32 callerOrganisation = _organisations[msg.sender];
        if (organisationId != callerOrganisation) {
            revert PassportRegistryWrongOrganisation(root, organisationId, callerOrganisation);
        }
    }

    /**
     * @dev The deepest proof a StandardMerkleTree of `leafCount` leaves has: ceil(log2(leafCount)) (the tree is a
     * complete binary tree of 2n-1 nodes).
     */
    function _maxProofLength(uint32 leafCount) private pure returns (uint256 depth) {
        while ((uint256(1) << depth) < leafCount) {
            // Overflow not possible: depth <= 32 because leafCount < 2**32.
            unchecked {
                ++depth;
            }
        }
    }

    /// @dev Pushes the fee for `count` passports straight from the caller to the router, then records it.
    function _payFee(uint256 count, bytes32 ref) private {
        uint256 fee = _attestationFee * count;
        if (fee != 0) ttToken.safeTransferFrom(msg.sender, address(feeRouter), fee);
        feeRouter.recordFee(IFeeRouter.FeeKind.Attestation, msg.sender, address(ttToken), fee, ref);
    }
}
