// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/**
 * @title ReentrantToken
 * @notice TEST ONLY. A malicious ERC-20 that, once armed, calls back into a target during its next transfer, to prove
 * the protocol's value paths refuse re-entry. Never deployed by the Ignition module.
 */
contract ReentrantToken is ERC20 {
    address private _target;
    bytes private _payload;

    constructor() ERC20("Reentrant Token", "EVIL") {}

    /// @notice Mints `amount` to `to`, for tests.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms the token: its next transfer calls `target` with `payload` and bubbles any revert.
    function arm(address target, bytes calldata payload) external {
        _target = target;
        _payload = payload;
    }

    /// @dev Fires the armed call once, then moves the balances as usual.
    function _update(address from, address to, uint256 value) internal override {
        address target = _target;
        if (target != address(0)) {
            delete _target;
            Address.functionCall(target, _payload);
        }
        super._update(from, to, value);
    }
}
