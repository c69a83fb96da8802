// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/**
 * @title TTToken
 * @notice The A360 Exchange token (TT): staked by market participants, paid as fees and rewards.
 * @dev A fixed supply minted once to `initialHolder`; EIP-2612 permit for gasless approvals.
 */
contract TTToken is ERC20, ERC20Permit {
    constructor(address initialHolder, uint256 initialSupply) ERC20("A360 Token", "TT") ERC20Permit("A360 Token") {
        _mint(initialHolder, initialSupply);
    }
}
