package dev.layerwise.pretrain;

import dev.layerwise.data.Dataset;

/**
 * Greedy layer-wise training: instead of training the whole deep net at once, train one layer,
 * then add a second and train it, and so on. Each result compares itself with joint training of
 * the same architecture on the same budget ({@link PretrainResult#compareWithJoint()}).
 */
public final class Pretrain {
    private Pretrain() {}

    /**
     * Greedy supervised growth, one hidden layer per stage.
     *
     * @param data labelled, flat training data (with a test set for the stage accuracies)
     * @return the trainer, to configure and {@code run()}
     */
    public static SupervisedGrowth supervised(Dataset data) {
        return new SupervisedGrowth(data);
    }

    /**
     * Greedy unsupervised pretraining with stacked (denoising) autoencoders, then joint fine-tuning;
     * {@code pretrainOn(unlabelled)} gives the autoencoders a separate set of their own.
     *
     * @param data labelled, flat training data; the labels are used only for fine-tuning
     * @return the trainer, to configure and {@code run()}
     */
    public static AutoencoderPretraining autoencoders(Dataset data) {
        return new AutoencoderPretraining(data);
    }
}
