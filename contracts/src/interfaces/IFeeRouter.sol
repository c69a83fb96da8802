// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IFeeRouter
 * @notice Events and errors of the fee router, through which every protocol fee passes.
 */
interface IFeeRouter {
    /// @notice What a fee was paid for. `ref` in {FeeEvent} names the originating record.
    enum FeeKind {
        Sale, // ref = bytes32(listingId)
        Lease, // ref = bytes32(leaseId)
        Repair, // ref = bytes32(repairId)
        Attestation // ref = the passport anchor uid, or the Merkle root of a batch
    }

    /// @notice Emitted exactly once per sale, lease, repair record and passport attestation.
    event FeeEvent(
        FeeKind indexed kind,
        address indexed payer,
        address token,
        uint256 amount,
        bytes32 indexed ref
    );
    /// @notice Emitted when owed fees leave the router: `toStakers` TT to staking, `toTreasury` to the treasury.
    event FeesDistributed(address indexed token, uint256 toStakers, uint256 toTreasury);
    /// @notice Emitted when the treasury changes.
    event TreasuryUpdated(address indexed previousTreasury, address indexed newTreasury);
    /// @notice Emitted when the stakers' share of TT fees changes.
    event StakerShareUpdated(uint16 previousBps, uint16 newBps);

    /// @notice The router holds `balance` of `token` but the fee needs `needed` (accounted + new fee).
    error FeeRouterFeeNotReceived(address token, uint256 balance, uint256 needed);
    /// @notice Basis points above 10,000.
    error FeeRouterInvalidBps(uint256 bps);
    /// @notice The zero address where an account is needed.
    error FeeRouterZeroAddress();

    /**
     * @notice Records a fee whose `amount` of `token` the calling collector has already transferred to the router.
     */
    function recordFee(FeeKind kind, address payer, address token, uint256 amount, bytes32 ref) external;
}
