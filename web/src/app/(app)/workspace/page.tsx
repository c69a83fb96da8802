import { redirect } from "next/navigation";

/** The workspace's first page is passport anchoring until the workspace has a home of its own. */
export default function WorkspacePage() {
  redirect("/workspace/anchoring");
}
