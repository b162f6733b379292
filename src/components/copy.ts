/** A button that copies text to the clipboard, with a fallback for pages served over plain HTTP on an intranet. */

/** Copies `text`; `navigator.clipboard` needs a secure context, which an intranet's http:// page is not. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = Object.assign(document.createElement("textarea"), {value: text});
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
}

/** A button labelled `label` that copies `text` and says 已复制 for a moment. */
export function copyButton(text: string, label = "复制"): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "copy-button no-print";
  button.textContent = label;
  button.onclick = async () => {
    await copyText(text);
    button.textContent = "已复制";
    setTimeout(() => (button.textContent = label), 1500);
  };
  return button;
}
