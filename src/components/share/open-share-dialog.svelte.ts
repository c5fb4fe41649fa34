// Entry point the simulator loads with import() on the first click of its share button, so the
// dialog, the QR encoder and the poster cost nothing until someone shares:
//
//   const { openShareDialog } = await import("../share/open-share-dialog.svelte");
//   openShareDialog({ scenario, lang, figures, getChartCanvas, returnFocus: button });
//
// The dialog is mounted once and kept: reopening it for the same scenario shows the link
// already made (and keeps the typed title and note); a changed scenario starts afresh.
import { mount, type ComponentProps } from "svelte";
import ShareDialog from "./ShareDialog.svelte";

type DialogProps = ComponentProps<typeof ShareDialog> & { open: boolean };

export type OpenShareDialogOptions = Omit<DialogProps, "open">;

let props: DialogProps | null = null;

export function openShareDialog(options: OpenShareDialogOptions): void {
  if (props) {
    // Props are a $state proxy: assigning them updates the mounted dialog.
    Object.assign(props, options, { open: true });
    return;
  }
  const state: DialogProps = $state({ ...options, open: true });
  props = state;
  const host = document.createElement("div");
  host.dataset.shareDialogHost = "";
  document.body.append(host);
  mount(ShareDialog, { target: host, props: state });
}
