package dev.attend.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartFilesTest {

    @TempDir
    Path dir;

    @Test
    void lineChartIsWrittenAsDecodablePngAndWellFormedSvg() throws Exception {
        Path base = dir.resolve("nested/curves");
        new LineChart("loss", "step", "loss", List.of(
                new Series("with attention", new double[] {1, 2, 3}, new double[] {3, 2, 1}),
                new Series("without", new double[] {1, 2, 3}, new double[] {3, 3, 2.5}))).write(base);

        BufferedImage png = ImageIO.read(dir.resolve("nested/curves.png").toFile());
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(560);
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline
        Document svg = xml.newDocumentBuilder().parse(dir.resolve("nested/curves.svg").toFile());
        assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
    }

    @Test
    void heatmapDrawsTheFirstRowOnTopAndTheFirstColumnOnTheLeft() throws Exception {
        Path base = dir.resolve("map");
        double[][] values = {{1, 0, 0}, {0, 0, 0}, {0, 0, 0}};
        new Heatmap("one hot", "head", "layer", List.of("0", "1", "2"), List.of("0", "1", "2"), values).write(base);

        BufferedImage png = ImageIO.read(dir.resolve("map.png").toFile());
        int darkest = ChartFiles.SEQUENTIAL[ChartFiles.SEQUENTIAL.length - 1].getRGB();
        long sumX = 0, sumY = 0, count = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                if (png.getRGB(x, y) == darkest) {
                    sumX += x;
                    sumY += y;
                    count++;
                }
            }
        }
        assertThat(count).as("pixels of the maximum's colour").isGreaterThan(100);
        assertThat(sumX / count).isLessThan(png.getWidth() / 2);
        assertThat(sumY / count).isLessThan(png.getHeight() / 2);
        assertThat(Files.size(dir.resolve("map.svg"))).isPositive();
    }

    @Test
    void inconsistentDataIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new Series("s", new double[] {1}, new double[] {1, 2}))
                .hasMessageContaining("1 x values but 2 y values");
        assertThatThrownBy(() -> new Heatmap("h", "x", "y", List.of("a"), List.of("r"), new double[][] {{1, 2}}))
                .hasMessageContaining("row of 2 values but 1 column labels");
        assertThatThrownBy(() -> new LineChart("t", "x", "y",
                List.of(new Series("s", new double[] {0, 1}, new double[] {1, 1})), true, false))
                .hasMessageContaining("non-positive value on a logarithmic axis");
    }
}
