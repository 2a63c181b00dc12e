package dev.surge.qr.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.surge.qr.CodeImages;
import dev.surge.qr.IssuedImage;
import dev.surge.qr.config.QrConfig;

/**
 * Images in a local directory, served back by this function at the configured base URL: for local runs and
 * tests (the pool is not part of the name). Writes are atomic (a temporary file moved into place), so a reader never sees half an image.
 */
public class LocalDirectoryImages implements CodeImages {

    private static final Pattern FILE = Pattern.compile("[0-9a-z]{1,32}\\.(png|jpg)");

    private final Path directory;
    private final String baseUrl;

    public LocalDirectoryImages(QrConfig config) {
        this.directory = config.images().directory().toAbsolutePath();
        this.baseUrl = config.images().baseUrl().replaceAll("/+$", "");
    }

    @Override
    public Uni<String> store(String pool, String requestId, IssuedImage image) {
        String name = requestId + "." + image.extension();
        return Uni.createFrom().item(() -> {
            try {
                Files.createDirectories(directory);
                Path partial = Files.createTempFile(directory, requestId, ".part");
                Files.write(partial, image.bytes());
                Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                return baseUrl + "/" + name;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store image " + name, e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public Uni<Optional<IssuedImage>> read(String fileName) {
        if (!FILE.matcher(fileName).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Uni.createFrom().item(() -> {
            try {
                byte[] bytes = Files.readAllBytes(directory.resolve(fileName));
                return Optional.of(new IssuedImage(bytes, fileName.endsWith(".jpg") ? IssuedImage.JPEG : IssuedImage.PNG));
            } catch (NoSuchFileException e) {
                return Optional.<IssuedImage>empty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read image " + fileName, e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
