# Hand-written: S3 methods for rkeras handles and for keras_training_history.
# Handle classes (most specific first) end in "rkeras_object": rkeras_sequential /
# rkeras_functional, rkeras_model, rkeras_layer, rkeras_tensor, rkeras_optimizer,
# rkeras_loss, rkeras_metric, rkeras_callback, rkeras_stage, ...

# ------------------------------------------------------------------ attributes and methods

# @S3method $ rkeras_object
`$.rkeras_object` <- function(x, name) .rk_call(".getattr", x, name)

# @S3method [[ rkeras_object
`[[.rkeras_object` <- function(x, i, ...) {
  if (is.character(i)) .rk_call(".getattr", x, i) else .rk_call(".getitem", x, i)
}

# @S3method $<- rkeras_object
`$<-.rkeras_object` <- function(x, name, value) {
  .rk_call(".setattr", x, name, value)
  x
}

# @S3method [[<- rkeras_object
`[[<-.rkeras_object` <- function(x, i, value) {
  .rk_call(".setattr", x, i, value)
  x
}

# @S3method names rkeras_object
names.rkeras_object <- function(x) .rk_call(".dir", x)

# @importFrom utils .DollarNames
# @S3method .DollarNames rkeras_object
.DollarNames.rkeras_object <- function(x, pattern = "") {
  n <- names(x)
  n[grepl(pattern, n)]
}

# ------------------------------------------------------------------ printing

# @S3method format rkeras_object
format.rkeras_object <- function(x, ...) .rk_call(".format", x)

# @S3method print rkeras_object
print.rkeras_object <- function(x, ...) {
  writeLines(format(x, ...))
  invisible(x)
}

# @importFrom utils str
# @S3method str rkeras_object
str.rkeras_object <- function(object, ...) {
  cat("Class '", class(object)[1L], "' ", .rk_call(".repr", object), "\n", sep = "")
  invisible()
}

# @S3method summary rkeras_model
# As in keras3, the table is as wide as the console: `line_length` defaults to getOption("width").
summary.rkeras_model <- function(object, ...) {
  args <- list(...)
  # Option rkeras.summary.width overrides it; NA leaves the width to Keras (`rkeras port --check`).
  if (is.null(args$line_length)) {
    width <- getOption("rkeras.summary.width", getOption("width", 80L))
    if (!is.na(width)) args$line_length <- as.integer(width)
  }
  cat(do.call(.rk_call, c(list(".summary_text", object), args)))
  invisible(object)
}

# @S3method length rkeras_model
length.rkeras_model <- function(x) length(.rk_call(".getattr", x, "layers"))

# ------------------------------------------------------------------ model verbs that are R generics

# @importFrom stats predict
# @S3method predict rkeras_model
predict.rkeras_model <- function(object, x, ...) .rk_call("predict", object, x, ...)

# keras3 draws the model graph with pydot + graphviz; rkeras draws the layer stack with base
# graphics (one box per layer: name, class and output shape), which needs neither.
# @S3method plot rkeras_model
plot.rkeras_model <- function(x, show_shapes = TRUE, show_layer_names = TRUE, ...) {
  info <- .rk_call(".layer_table", x)
  n <- length(info$name)
  graphics::plot.new()
  if (n == 0L) {
    graphics::text(0.5, 0.5, "(no layers)")
    return(invisible(x))
  }
  old <- graphics::par(mar = c(0.5, 0.5, 1.5, 0.5))
  on.exit(graphics::par(old))
  graphics::plot.window(xlim = c(0, 1), ylim = c(0, n))
  graphics::title(main = x$name, cex.main = 0.9)
  for (i in seq_len(n)) {
    top <- n - i + 0.9
    bottom <- n - i + 0.25
    graphics::rect(0.15, bottom, 0.85, top, col = "grey95", border = "grey40")
    label <- if (isTRUE(show_layer_names)) paste0(info$name[i], " (", info$class[i], ")") else info$class[i]
    if (isTRUE(show_shapes)) label <- paste0(label, "\n", info$output_shape[i])
    graphics::text(0.5, (top + bottom) / 2, label, cex = 0.8)
    if (i < n) graphics::arrows(0.5, bottom, 0.5, bottom - 0.3, length = 0.06, col = "grey40")
  }
  invisible(x)
}

# ------------------------------------------------------------------ tensors

# @S3method as.array rkeras_tensor
as.array.rkeras_tensor <- function(x, ...) .rk_call(".tensor_as_array", x)

# @S3method as.double rkeras_tensor
as.double.rkeras_tensor <- function(x, ...) as.double(as.array(x))

# @S3method as.integer rkeras_tensor
as.integer.rkeras_tensor <- function(x, ...) as.integer(as.array(x))

# ------------------------------------------------------------------ training history

# @S3method print keras_training_history
print.keras_training_history <- function(x, ...) {
  metrics <- x$metrics
  n <- min(c(as.integer(x$params$epochs), lengths(metrics)))
  cat("Final epoch (plot to see history):\n")
  if (!length(metrics) || n < 1L) {
    cat("(no epochs)\n")
    return(invisible(x))
  }
  values <- vapply(metrics, function(v) v[[n]], numeric(1))
  labels <- format(names(metrics), justify = "right")
  cat(paste0(labels, ": ", formatC(values, digits = 4, format = "g")), sep = "\n")
  invisible(x)
}

# @S3method as.data.frame keras_training_history
as.data.frame.keras_training_history <- function(x, ...) {
  metrics <- x$metrics
  nm <- names(metrics)
  n <- max(c(as.integer(x$params$epochs), lengths(metrics), 0L))
  base <- sub("^val_", "", nm)
  pad <- function(v) c(as.numeric(v), rep(NA_real_, n - length(v)))
  df <- data.frame(
    epoch = rep(seq_len(n), length(nm)),
    value = unlist(lapply(metrics, pad), use.names = FALSE),
    metric = factor(rep(base, each = n), levels = unique(base)),
    data = factor(rep(ifelse(grepl("^val_", nm), "validation", "training"), each = n),
                  levels = c("training", "validation")),
    stringsAsFactors = FALSE
  )
  rownames(df) <- NULL
  df
}

utils::globalVariables(c("epoch", "value", "data"))

# Axis breaks for epochs: whole numbers only.
.rk_epoch_breaks <- function(limits) {
  b <- pretty(limits)
  b <- b[abs(b - round(b)) < 1e-8 & b >= floor(min(limits)) & b <= ceiling(max(limits))]
  if (!length(b)) round(mean(limits)) else b
}

# @S3method plot keras_training_history
plot.keras_training_history <- function(x, y, metrics = NULL, method = c("auto", "ggplot2", "base"),
                                        smooth = getOption("keras.plot.history.smooth", TRUE),
                                        theme_bw = getOption("keras.plot.history.theme_bw", FALSE),
                                        ...) {
  method <- match.arg(method)
  if (method == "auto") {
    method <- if (requireNamespace("ggplot2", quietly = TRUE)) "ggplot2" else "base"
  }
  df <- as.data.frame(x)
  if (is.null(metrics)) {
    metrics <- levels(df$metric)
  } else {
    unknown <- setdiff(metrics, levels(df$metric))
    if (length(unknown)) {
      stop("unknown metric(s): ", paste(unknown, collapse = ", "), "; recorded: ",
           paste(levels(df$metric), collapse = ", "), call. = FALSE)
    }
  }
  df <- df[df$metric %in% metrics & !is.na(df$value), , drop = FALSE]
  df$metric <- factor(as.character(df$metric), levels = metrics)
  do_smooth <- isTRUE(smooth) && length(unique(df$epoch)) >= 10L
  if (method == "ggplot2") {
    p <- ggplot2::ggplot(df, ggplot2::aes(x = epoch, y = value, color = data, fill = data))
    p <- p + ggplot2::geom_point(shape = 21, size = 2)
    if (do_smooth) p <- p + ggplot2::geom_smooth(method = "loess", formula = y ~ x, se = FALSE)
    p <- p + ggplot2::facet_grid(metric ~ ., switch = "y", scales = "free_y")
    p <- p + ggplot2::scale_x_continuous(breaks = .rk_epoch_breaks)
    if (isTRUE(theme_bw)) p <- p + ggplot2::theme_bw()
    p <- p + ggplot2::theme(axis.title.y = ggplot2::element_blank(), strip.placement = "outside",
                            strip.text = ggplot2::element_text(colour = "black", size = 11),
                            strip.background = ggplot2::element_rect(fill = NA, color = NA))
    if (length(unique(as.character(df$data))) < 2L) p <- p + ggplot2::theme(legend.position = "none")
    # Returned visibly, not printed: R's auto-printing draws it (once), and `p + ggtitle()` works.
    return(p)
  }
  colors <- c(training = "#F8766D", validation = "#00BFC4")
  op <- graphics::par(mfrow = c(length(metrics), 1L), mar = c(3, 4, 1.5, 1))
  on.exit(graphics::par(op))
  for (m in metrics) {
    sub <- df[df$metric == m, , drop = FALSE]
    graphics::plot(sub$epoch, sub$value, type = "n", xlab = "epoch", ylab = m, xaxt = "n")
    graphics::axis(1, at = .rk_epoch_breaks(range(sub$epoch)))
    present <- character()
    for (d in levels(sub$data)) {
      part <- sub[sub$data == d, , drop = FALSE]
      if (!nrow(part)) next
      present <- c(present, d)
      graphics::points(part$epoch, part$value, pch = 21, col = colors[[d]], bg = colors[[d]])
      if (do_smooth) graphics::lines(stats::lowess(part$epoch, part$value), col = colors[[d]])
    }
    if (length(present) > 1L) {
      graphics::legend("topright", legend = present, col = colors[present], pch = 21,
                       pt.bg = colors[present], bty = "n")
    }
  }
  invisible(NULL)
}
