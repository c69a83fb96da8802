// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title FreezableToken
 * @notice TEST ONLY. A six-decimal stable token whose issuer can freeze accounts, as USDC and EURC can: a frozen
 * account can neither send nor receive. Proves that no one's exit waits on a payment to a third party.
 */
contract FreezableToken is ERC20 {
    mapping(address account => bool) public frozen;

    error FreezableTokenFrozen(address account);

    constructor() ERC20("Freezable Euro", "FEUR") {}

    /// @notice Mints `amount` to `to`, for tests.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Freezes or thaws `account`.
    function setFrozen(address account, bool isFrozen) external {
        frozen[account] = isFrozen;
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @dev Refuses any transfer from or to a frozen account.
    function _update(address from, address to, uint256 value) internal override {
        if (frozen[from]) revert FreezableTokenFrozen(from);
        if (frozen[to]) revert FreezableTokenFrozen(to);
        super._update(from, to, value);
    }
}
