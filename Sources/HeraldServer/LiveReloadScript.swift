import Foundation

/// The script the preview server adds to every HTML response (never to the
/// built files): it reloads the page after each successful build and shows a
/// failed build's errors over the page.
public enum LiveReloadScript {
    public static let eventsPath = "/__herald/events"

    public static let tag = """
        <script data-herald-live-reload>
        (function () {
          if (!window.EventSource) return;
          var overlay = null;
          function show(text) {
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.setAttribute("data-herald-overlay", "");
              overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2em;" +
                "background:rgba(20,20,20,.94);color:#f3f3f3;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap";
              var heading = document.createElement("div");
              heading.style.cssText = "color:#ff6b6b;font-weight:bold;margin-bottom:1em";
              heading.textContent = "herald: the build failed; the page shows the last good build. Fix the error and save to reload.";
              overlay.appendChild(heading);
              overlay.appendChild(document.createElement("pre"));
              overlay.lastChild.style.cssText = "margin:0;white-space:pre-wrap";
            }
            overlay.lastChild.textContent = text;
            if (!overlay.parentNode) document.documentElement.appendChild(overlay);
          }
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("reload", function () { location.reload(); });
          source.addEventListener("build-error", function (event) { show(event.data); });
        })();
        </script>
        """

    /// The HTML with the script before its last `</body>`, or at its end.
    public static func inject(into html: String) -> String {
        if let range = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            return html.replacingCharacters(in: range.lowerBound..<range.lowerBound, with: tag + "\n")
        }
        return html + "\n" + tag + "\n"
    }
}
