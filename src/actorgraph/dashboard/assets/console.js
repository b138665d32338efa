// Console page: Ctrl+Enter (Cmd+Enter on macOS) in the editor or a parameter field presses Run.
// Dash has no key events on dcc.Textarea, so this small listener does it; elsewhere it does nothing.
document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) {
        return;
    }
    var target = event.target;
    if (!target || !target.closest || !target.closest("#console-editor-area")) {
        return;
    }
    var run = document.getElementById("console-run");
    if (run) {
        event.preventDefault();
        run.click();
    }
});
