// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/**
 * @title DevStableToken
 * @notice A EUR stable-coin MOCK (EURS-like, 6 decimals) for local chains and testnets only: anyone can mint.
 * Never deploy it where a real stable token exists.
 */
contract DevStableToken is ERC20, ERC20Permit {
    constructor() ERC20("A360 Dev Stable EUR (mock)", "dEUR") ERC20Permit("A360 Dev Stable EUR (mock)") {}

    /**
     * @notice Mints `amount` to `to`. Open to anyone: this is a faucet for development.
     * @dev Emits a {Transfer} event.
     */
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @inheritdoc ERC20
    function decimals() public pure override returns (uint8) {
        return 6;
    }
}
