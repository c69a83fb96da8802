// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/**
 * @title ReentrantReceiver
 * @notice TEST ONLY. A malicious contract account: it makes calls as itself and, once armed, calls back into a target
 * when it receives an ERC-721 token, to prove the protocol's value paths refuse re-entry.
 */
contract ReentrantReceiver is IERC721Receiver {
    address private _target;
    bytes private _payload;

    /// @notice Calls `target` with `payload` as this contract, bubbling any revert.
    function execute(address target, bytes calldata payload) external returns (bytes memory) {
        return Address.functionCall(target, payload);
    }

    /// @notice Arms the receiver: the next ERC-721 it receives makes it call `target` with `payload`.
    function arm(address target, bytes calldata payload) external {
        _target = target;
        _payload = payload;
    }

    /// @inheritdoc IERC721Receiver
    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        address target = _target;
        if (target != address(0)) {
            delete _target;
            Address.functionCall(target, _payload);
        }
        return IERC721Receiver.onERC721Received.selector;
    }
}
