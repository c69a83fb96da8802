import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { parseEther } from "viem";

/** The whole A360 protocol, deployed in dependency order. */
export default buildModule("A360", (m) => {
  const deployer = m.getAccount(0);
  const initialSupply = m.getParameter("ttInitialSupply", parseEther("1000000000"));

  const ttToken = m.contract("TTToken", [deployer, initialSupply]);

  return { ttToken };
});
