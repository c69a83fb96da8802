import { NotFoundContent } from "../../shell/NotFoundContent";

export const metadata = { title: "Not found" };

/** `notFound()` from a page of this group (an unknown passport, unit or listing): the 404 inside the group's frame. */
export default function NotFound() {
  return <NotFoundContent />;
}
