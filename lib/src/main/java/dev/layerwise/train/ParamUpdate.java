package dev.layerwise.train;

/**
 * How one parameter is updated now: its learning-rate multiplier and whether its layer is frozen.
 *
 * @param rateScale the multiplier of the optimizer's rate
 * @param frozen true when the layer does not learn
 */
record ParamUpdate(double rateScale, boolean frozen) {}
