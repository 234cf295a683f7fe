package dev.attend.model.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.attend.model.ModelException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON header of a safetensors file, checked against the size of the data buffer that follows it:
 * <pre>{@code
 * {"name": {"dtype": "F32", "shape": [out, in], "data_offsets": [begin, end]}, ..., "__metadata__": {"k": "v"}}
 * }</pre>
 * Every tensor's byte range must hold exactly shape-product × dtype-size bytes, lie inside the data buffer and
 * not overlap another tensor's.
 */
public record SafetensorsHeader(Map<String, SafetensorsTensor> tensors, Map<String, String> metadata) {

    private static final String METADATA = "__metadata__";
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    public SafetensorsHeader {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Map.copyOf(metadata);
    }

    /**
     * @param json     the header bytes (UTF-8)
     * @param dataSize bytes after the header
     * @param source   the file, for error messages
     */
    public static SafetensorsHeader parse(byte[] json, long dataSize, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage().replaceAll("\\s*\\(start marker at .*", "");
            throw SafetensorsFile.damaged(source, "its header is not valid JSON (" + problem + ")");
        } catch (IOException e) {
            throw new ModelException("cannot parse the header of " + source + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw SafetensorsFile.damaged(source, "its header is not a JSON object");
        }
        Map<String, SafetensorsTensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(METADATA)) {
                metadata(field.getValue(), source).forEach(metadata::put);
            } else {
                tensors.put(field.getKey(), tensor(field.getKey(), field.getValue(), dataSize, source));
            }
        }
        checkNoOverlap(tensors.values(), source);
        return new SafetensorsHeader(tensors, metadata);
    }

    private static Map<String, String> metadata(JsonNode node, String source) {
        if (!node.isObject()) {
            throw SafetensorsFile.damaged(source, "its " + METADATA + " is not a JSON object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        node.properties().forEach(entry -> metadata.put(entry.getKey(), entry.getValue().asText()));
        return metadata;
    }

    private static SafetensorsTensor tensor(String name, JsonNode entry, long dataSize, String source) {
        String expected = "; expected {\"dtype\": ..., \"shape\": [...], \"data_offsets\": [begin, end]}";
        if (!entry.isObject() || !entry.path("dtype").isTextual()) {
            throw SafetensorsFile.damaged(source, "tensor " + name + " has no dtype" + expected);
        }
        String dtypeName = entry.get("dtype").asText();
        SafetensorsDtype dtype = SafetensorsDtype.named(dtypeName).orElseThrow(() -> SafetensorsFile.damaged(source,
                "tensor " + name + " has dtype " + dtypeName + ", which is none of " + Arrays.toString(SafetensorsDtype.values())));
        long[] shape = naturals(entry.path("shape"), -1)
                .orElseThrow(() -> SafetensorsFile.damaged(source, "tensor " + name + " has no valid shape" + expected));
        long[] offsets = naturals(entry.path("data_offsets"), 2)
                .orElseThrow(() -> SafetensorsFile.damaged(source, "tensor " + name + " has no valid data_offsets" + expected));
        SafetensorsTensor tensor = new SafetensorsTensor(name, dtype, shape, offsets[0], offsets[1]);
        long bytes;
        try {
            bytes = Math.multiplyExact(tensor.elementCount(), dtype.byteSize());
        } catch (ArithmeticException overflow) {
            throw SafetensorsFile.damaged(source, "tensor " + tensor + " has more bytes than a file can hold");
        }
        if (offsets[1] - offsets[0] != bytes) {
            throw SafetensorsFile.damaged(source, "tensor " + tensor + " needs " + bytes + " bytes but its data_offsets "
                    + Arrays.toString(offsets) + " span " + (offsets[1] - offsets[0]));
        }
        if (offsets[1] > dataSize) {
            throw SafetensorsFile.damaged(source, "tensor " + name + " ends at byte " + offsets[1]
                    + " of the data, but the file holds only " + dataSize + " bytes after the header: it is truncated");
        }
        return tensor;
    }

    /** The array's elements if it is an array of {@code length} (any if negative) non-negative longs. */
    private static Optional<long[]> naturals(JsonNode array, int length) {
        if (!array.isArray() || (length >= 0 && array.size() != length)) {
            return Optional.empty();
        }
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = array.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToLong() || element.asLong() < 0) {
                return Optional.empty();
            }
            values[i] = element.asLong();
        }
        if (length == 2 && values[0] > values[1]) {
            return Optional.empty();
        }
        return Optional.of(values);
    }

    private static void checkNoOverlap(Iterable<SafetensorsTensor> tensors, String source) {
        List<SafetensorsTensor> byBegin = new ArrayList<>();
        tensors.forEach(tensor -> {
            if (tensor.end() > tensor.begin()) byBegin.add(tensor);
        });
        byBegin.sort(Comparator.comparingLong(SafetensorsTensor::begin));
        for (int i = 1; i < byBegin.size(); i++) {
            SafetensorsTensor previous = byBegin.get(i - 1);
            SafetensorsTensor next = byBegin.get(i);
            if (next.begin() < previous.end()) {
                throw SafetensorsFile.damaged(source, "tensors " + previous.name() + " [" + previous.begin() + ", "
                        + previous.end() + ") and " + next.name() + " [" + next.begin() + ", " + next.end() + ") overlap");
            }
        }
    }
}
