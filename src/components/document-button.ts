/**
 * A button that makes a Word document when clicked and downloads it, saying in Chinese what it is doing and what
 * went wrong. It knows nothing of the documents: the page passes a function that loads what it needs and builds the
 * file (documents.ts, imported only then).
 */
import type {DocumentFile} from "./documents.js";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Starts the browser's download of `file`. */
export function download(file: Pick<DocumentFile, "fileName" | "bytes">): void {
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], {type: DOCX_TYPE}));
  const link = Object.assign(document.createElement("a"), {href: url, download: file.fileName});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * `<span class="document-download"><button>label</button><span role="status"></span></span>`; a click runs `make`
 * and downloads its file.
 */
export function documentButton(label: string, make: () => Promise<Pick<DocumentFile, "fileName" | "bytes">>, id?: string): HTMLElement {
  const wrapper = document.createElement("span");
  wrapper.className = "document-download no-print";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  if (id) button.id = id;
  const status = document.createElement("span");
  status.className = "document-status";
  status.setAttribute("role", "status");
  button.onclick = async () => {
    button.disabled = true;
    status.classList.remove("document-error");
    status.textContent = "正在生成……";
    try {
      const file = await make();
      download(file);
      status.textContent = `已生成：${file.fileName}`;
    } catch (error) {
      status.classList.add("document-error");
      status.textContent = `生成失败：${error instanceof Error ? error.message : String(error)}`;
    } finally {
      button.disabled = false;
    }
  };
  wrapper.append(button, status);
  return wrapper;
}
